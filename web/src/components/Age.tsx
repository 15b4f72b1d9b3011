import { useNow } from '../hooks/use-now.ts'
import { age, clock } from '../format/time.ts'

/** "4 min ago", ticking, with the exact time on hover. */
export const Age = ({ at }: { readonly at: string }) => {
  const now = useNow()
  return (
    <time dateTime={at} title={clock(at)}>
      {age(at, now)}
    </time>
  )
}
