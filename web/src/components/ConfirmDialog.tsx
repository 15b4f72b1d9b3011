import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { messageOf } from '../api/api-error.ts'
import { ErrorAlert } from './ErrorAlert.tsx'

export interface ConfirmInput {
  readonly reason: string
  readonly duration: string
}

export interface Confirmation {
  /** The question, naming the object: "Promote web v1.4.2 (sha256:ab12…) to production?" */
  readonly question: string
  readonly detail?: string
  readonly confirmLabel: string
  readonly reason: 'none' | 'optional' | 'required'
  /** Ask for a duration too (freezes: "2h"; empty for until lifted). */
  readonly duration?: boolean
  readonly danger?: boolean
  readonly run: (input: ConfirmInput) => Promise<void>
}

/**
 * A modal that says exactly what will happen and does it only on an explicit yes. A refusal keeps
 * the dialog open with the server's reason.
 */
export const ConfirmDialog = ({ confirmation, onClose }: { readonly confirmation: Confirmation; readonly onClose: (done: boolean) => void }) => {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [reason, setReason] = useState('')
  const [duration, setDuration] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (confirmation.reason === 'required' && !reason.trim()) return setError('A reason is required.')
    setBusy(true)
    setError(null)
    try {
      await confirmation.run({ reason: reason.trim(), duration: duration.trim() })
      onClose(true)
    } catch (failure) {
      setError(messageOf(failure))
      setBusy(false)
    }
  }

  return (
    <dialog ref={dialog} aria-labelledby={titleId} className="confirm" onCancel={() => onClose(false)}>
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={titleId}>{confirmation.question}</h2>
        {confirmation.detail && <p className="muted">{confirmation.detail}</p>}
        {confirmation.reason !== 'none' && (
          <label>
            Reason{confirmation.reason === 'optional' ? ' (optional)' : ''}
            <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={2} required={confirmation.reason === 'required'} maxLength={2000} />
          </label>
        )}
        {confirmation.duration && (
          <label>
            For how long (e.g. 2h; empty: until lifted)
            <input value={duration} onChange={(event) => setDuration(event.target.value)} placeholder="2h" />
          </label>
        )}
        <ErrorAlert message={error} />
        <div className="buttons">
          <button type="button" onClick={() => onClose(false)} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className={confirmation.danger ? 'danger' : 'primary'} disabled={busy}>
            {confirmation.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  )
}
