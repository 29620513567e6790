// A clock the tests can stop; nothing here blocks.
export const clock = {
  now: () => Date.now(),
}
