/**
 * The search field of a list (templates, playbooks, testimonials, the swipe file): its label is its
 * placeholder, and its direction follows what is typed (Arabic or Latin).
 */
export function SearchBox({
  label,
  hint,
  value,
  onChange,
  grow = true,
}: {
  label: string;
  /** A longer explanation, shown on hover. */
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** Shares its row with buttons (true) or takes the whole width (false). */
  grow?: boolean;
}) {
  return (
    <input
      type="search"
      dir="auto"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={label}
      title={hint}
      aria-label={label}
      className={`${grow ? 'min-w-0 flex-1' : 'w-full'} rounded-md border border-slate-300 px-2 py-1`}
    />
  );
}
