import { useState } from 'react'
import { messageOf } from '../api/api-error.ts'
import { ConfirmDialog, type Confirmation } from './ConfirmDialog.tsx'
import { ErrorAlert } from './ErrorAlert.tsx'

interface ConfirmedActionProps {
  readonly label: string
  /** Finds out what the action would do (e.g. which release), to name it in the question. */
  readonly prepare: () => Promise<Confirmation> | Confirmation
  readonly onDone?: () => void
  readonly className?: string
}

/** A button that asks first, naming the object, and acts only when confirmed. */
export const ConfirmedAction = ({ label, prepare, onDone, className }: ConfirmedActionProps) => {
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [preparing, setPreparing] = useState(false)

  const open = async () => {
    setError(null)
    setPreparing(true)
    try {
      setConfirmation(await prepare())
    } catch (failure) {
      setError(messageOf(failure))
    } finally {
      setPreparing(false)
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={() => void open()} disabled={preparing}>
        {label}
      </button>
      <ErrorAlert message={error} />
      {confirmation && (
        <ConfirmDialog
          confirmation={confirmation}
          onClose={(done) => {
            setConfirmation(null)
            if (done) onDone?.()
          }}
        />
      )}
    </>
  )
}
