/** Team sync in the Settings tab: role, pack subscription, pending update, history, signing keys, webhook. */
export function TeamSyncSection() {
  return null;
}
