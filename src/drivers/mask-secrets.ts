/** Values a driver must keep out of the messages it writes, longest first so overlapping ones mask fully. */
export const maskSecrets = (text: string, secrets: Readonly<Record<string, string>>): string =>
  Object.values(secrets)
    .filter((value) => value !== '')
    .sort((a, b) => b.length - a.length)
    .reduce((masked, value) => masked.split(value).join('***'), text)
