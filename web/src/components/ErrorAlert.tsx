/** A refusal or failure, announced to screen readers; nothing when there is none. */
export const ErrorAlert = ({ message }: { readonly message: string | null }) =>
  message === null ? null : (
    <p role="alert" className="alert">
      {message}
    </p>
  )
