/** One POST with a deadline; what came back, or why nothing did, in words without the URL. */

export type PostResult = { readonly status: number } | { readonly error: string } | { readonly abandoned: true }

const causeOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message
  return error.message
}

export const postOnce = async (
  url: string,
  request: { readonly body: string; readonly headers: Readonly<Record<string, string>>; readonly timeoutMs: number; readonly signal: AbortSignal },
): Promise<PostResult> => {
  const deadline = AbortSignal.timeout(request.timeoutMs)
  try {
    // redirects are not followed: the target is the URL the secret names, nowhere else
    const response = await fetch(url, {
      method: 'POST',
      body: request.body,
      headers: request.headers,
      redirect: 'manual',
      signal: AbortSignal.any([deadline, request.signal]),
    })
    await response.body?.cancel()
    return { status: response.status }
  } catch (error) {
    if (deadline.aborted) return { error: `no answer within ${request.timeoutMs} ms` }
    if (request.signal.aborted) return { abandoned: true }
    return { error: `request failed: ${causeOf(error)}` }
  }
}
