import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react'

const NAVIGATED = 'waka:navigate'

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATED, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATED, onChange)
  }
}

const currentUrl = () => window.location.pathname + window.location.search

/** Client-side navigation: the server answers every dashboard path with index.html. */
export const navigate = (to: string, options: { replace?: boolean } = {}): void => {
  if (to === currentUrl()) return
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATED))
}

export interface Location {
  readonly path: string
  readonly query: URLSearchParams
}

export const useLocation = (): Location => {
  const url = useSyncExternalStore(subscribe, currentUrl)
  const parsed = new URL(url, window.location.origin)
  return { path: parsed.pathname, query: parsed.searchParams }
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { readonly to: string; readonly children: ReactNode }

export const Link = ({ to, children, onClick, ...rest }: LinkProps) => {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    // let the browser handle new tabs and windows
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} onClick={follow} {...rest}>
      {children}
    </a>
  )
}
