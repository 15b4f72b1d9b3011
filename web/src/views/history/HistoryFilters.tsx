import type { HistoryFilter } from '../../api/waka-api.ts'
import { DEPLOYMENT_STATUSES } from '../../api/types.ts'
import { statusLabel } from '../../format/status.ts'

interface HistoryFiltersProps {
  readonly filter: HistoryFilter
  readonly services: readonly string[]
  readonly environments: readonly string[]
  readonly onChange: (filter: HistoryFilter) => void
}

const Choice = ({ label, value, options, onChange }: { label: string; value: string | null; options: readonly (readonly [string, string])[]; onChange: (value: string | null) => void }) => (
  <label>
    {label}
    <select value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
      <option value="">all</option>
      {options.map(([optionValue, text]) => (
        <option key={optionValue} value={optionValue}>
          {text}
        </option>
      ))}
    </select>
  </label>
)

export const HistoryFilters = ({ filter, services, environments, onChange }: HistoryFiltersProps) => (
  <form className="filters" aria-label="Filter deployments" onSubmit={(event) => event.preventDefault()}>
    <Choice label="Service" value={filter.service} options={services.map((name) => [name, name])} onChange={(service) => onChange({ ...filter, service })} />
    <Choice
      label="Environment"
      value={filter.environment}
      options={environments.map((name) => [name, name])}
      onChange={(environment) => onChange({ ...filter, environment })}
    />
    <Choice
      label="Status"
      value={filter.status}
      options={DEPLOYMENT_STATUSES.map((status) => [status, statusLabel(status)])}
      onChange={(status) => onChange({ ...filter, status: status as HistoryFilter['status'] })}
    />
  </form>
)
