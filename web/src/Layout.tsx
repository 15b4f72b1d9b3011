import { useState, type ReactNode } from 'react'
import { messageOf } from './api/api-error.ts'
import { ErrorAlert } from './components/ErrorAlert.tsx'
import { useLiveState } from './live/live-events.tsx'
import { Link, useLocation } from './routing/router.tsx'
import { useSession, useSessionState } from './session/session-context.tsx'
import { useOverview } from './status/status-context.tsx'

const NavLink = ({ to, children }: { readonly to: string; readonly children: ReactNode }) => {
  const { path } = useLocation()
  const current = to === '/' ? path === '/' : path.startsWith(to)
  return (
    <Link to={to} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  )
}

const LIVE_TEXT = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' } as const

/** The frame around every view: navigation, the live-stream state, who is signed in. */
export const Layout = ({ children }: { readonly children: ReactNode }) => {
  const { session } = useSession()
  const { signOut } = useSessionState()
  const live = useLiveState()
  const pending = useOverview().data?.status.pendingApprovals.length ?? 0
  const [error, setError] = useState<string | null>(null)
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand">
          Waka
        </Link>
        <nav aria-label="Main">
          <NavLink to="/">Environments</NavLink>
          <NavLink to="/approvals">
            Approvals
            {pending > 0 && (
              <>
                {' '}
                <span className="count">{pending}</span>
                <span className="visually-hidden"> pending</span>
              </>
            )}
          </NavLink>
          <NavLink to="/history">History</NavLink>
          <NavLink to="/delivery">Delivery</NavLink>
        </nav>
        <span className={`stream stream-${live}`} role="status" aria-label={`Live updates: ${LIVE_TEXT[live]}`}>
          {LIVE_TEXT[live]}
        </span>
        <span className="who">
          Signed in as <strong>{session.user}</strong>
        </span>
        <button type="button" onClick={() => void signOut().catch((failure: unknown) => setError(messageOf(failure)))}>
          Sign out
        </button>
      </header>
      <ErrorAlert message={error} />
      <main className="content">{children}</main>
    </>
  )
}
