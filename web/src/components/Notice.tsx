/** A confirmation of something that worked, announced politely; nothing when there is none. */
export const Notice = ({ message }: { readonly message: string | null }) =>
  message === null ? null : (
    <p role="status" className="notice">
      {message}
    </p>
  )
