import { Layout } from './Layout.tsx'
import { LiveEventsProvider } from './live/live-events.tsx'
import { useLocation } from './routing/router.tsx'
import { SignIn } from './session/SignIn.tsx'
import { useSessionState } from './session/session-context.tsx'
import { StatusProvider } from './status/status-context.tsx'
import { ApprovalsView } from './views/approvals/ApprovalsView.tsx'
import { DeliveryView } from './views/delivery/DeliveryView.tsx'
import { DeploymentView } from './views/deployment/DeploymentView.tsx'
import { HistoryView } from './views/history/HistoryView.tsx'
import { MatrixView } from './views/matrix/MatrixView.tsx'

const Page = () => {
  const { path } = useLocation()
  const deployment = /^\/deployments\/(\d+)$/.exec(path)
  if (deployment?.[1]) return <DeploymentView key={deployment[1]} id={Number(deployment[1])} />
  if (path === '/approvals') return <ApprovalsView />
  if (path === '/history') return <HistoryView />
  if (path === '/delivery') return <DeliveryView />
  if (path === '/') return <MatrixView />
  return (
    <>
      <h1>Not found</h1>
      <p>The dashboard has no page at {path}.</p>
    </>
  )
}

export const App = () => {
  const { state } = useSessionState()
  if (state.phase === 'loading') return <p className="muted loading">Loading…</p>
  if (state.phase === 'signed-out') return <SignIn notice={state.notice} />
  return (
    <LiveEventsProvider>
      <StatusProvider>
        <Layout>
          <Page />
        </Layout>
      </StatusProvider>
    </LiveEventsProvider>
  )
}
