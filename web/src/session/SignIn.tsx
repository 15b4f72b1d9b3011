import { useId, useState, type FormEvent } from 'react'
import { messageOf } from '../api/api-error.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { Notice } from '../components/Notice.tsx'
import { useSessionState } from './session-context.tsx'

/** Sign-in with an API token; the token is exchanged for a session cookie and not kept by the page. */
export const SignIn = ({ notice }: { readonly notice: string | null }) => {
  const { signIn } = useSessionState()
  const id = useId()
  const [token, setToken] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signIn(token.trim())
      setToken('')
    } catch (failure) {
      setError(messageOf(failure))
      setBusy(false)
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Sign in to Waka</h1>
        <Notice message={notice} />
        <label htmlFor={id}>API token</label>
        <input id={id} type="password" autoComplete="off" spellCheck={false} value={token} onChange={(event) => setToken(event.target.value)} required placeholder="waka_…" />
        <p className="muted small">
          Create one with <code>waka token create --name &lt;you&gt; --expires 30d</code>. It stays on the server side: the page keeps only a session cookie.
        </p>
        <ErrorAlert message={error} />
        <button type="submit" className="primary" disabled={busy || token.trim() === ''}>
          Sign in
        </button>
      </form>
    </main>
  )
}
