import { block, pass, type GateCheck } from './gate.ts'

export interface QuarantineFact {
  readonly by: string
  readonly reason: string
}

/** A quarantined release never deploys, by any path (deploy, promotion or rollback). */
export const checkQuarantine = (version: string, quarantine: QuarantineFact | null): GateCheck =>
  quarantine
    ? block('quarantine', `release ${version} is quarantined by ${quarantine.by}: ${quarantine.reason}`)
    : pass('quarantine', `release ${version} is not quarantined`)
