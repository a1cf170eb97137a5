/** Backup and restore in the Settings tab. */
export function BackupSection() {
  return null;
}
