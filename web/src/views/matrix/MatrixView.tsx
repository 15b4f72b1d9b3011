import { useOverview } from '../../status/status-context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { pipelineOrder } from '../../format/pipeline.ts'
import { EnvironmentHeader } from './EnvironmentHeader.tsx'
import { TargetCell } from './TargetCell.tsx'

/** The service × environment matrix, environments in pipeline order. */
export const MatrixView = () => {
  const { data, error, reload } = useOverview()
  if (!data) return error ? <ErrorAlert message={error} /> : <p className="muted">Loading…</p>
  const { status, pipeline } = data
  const environments = pipelineOrder(pipeline.environments).flatMap((name) => pipeline.environments.filter((environment) => environment.name === name))
  const target = (service: string, environment: string) => status.targets.find((row) => row.service === service && row.environment === environment)
  const freezeOf = (environment: string) => status.targets.find((row) => row.environment === environment && row.freeze)?.freeze ?? null
  return (
    <>
      <h1>Environments</h1>
      <ErrorAlert message={error} />
      <div className="matrix-scroll">
        <table className="matrix" aria-label="Services by environment">
          <thead>
            <tr>
              <th scope="col">Service</th>
              {environments.map((environment) => (
                <EnvironmentHeader key={environment.name} environment={environment} freeze={freezeOf(environment.name)} onChanged={reload} />
              ))}
            </tr>
          </thead>
          <tbody>
            {status.services.map((service) => {
              const repository = pipeline.services.find((entry) => entry.name === service)?.repository
              return (
                <tr key={service}>
                  <th scope="row">
                    <div className="service-name">{service}</div>
                    {repository && <div className="muted small">{repository.name}</div>}
                  </th>
                  {environments.map((environment) => (
                    <TargetCell key={environment.name} target={target(service, environment.name)} service={service} environment={environment} onChanged={reload} />
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </>
  )
}
