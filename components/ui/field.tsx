import type { ReactNode } from 'react';

/** The side panel's text inputs, selects and text areas in forms. */
export const inputClass = 'w-full rounded-md border border-slate-300 px-2 py-1';

/**
 * A labelled form control with an optional hint below it. The hint's id is `<htmlFor>-hint`, for the control's
 * `aria-describedby`.
 */
export function Field({
  label,
  hint,
  children,
  htmlFor,
}: {
  label: string;
  hint?: ReactNode;
  children: ReactNode;
  htmlFor: string;
}) {
  return (
    <div className="space-y-0.5">
      <label htmlFor={htmlFor} className="block font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && (
        <div id={`${htmlFor}-hint`} className="text-xs text-slate-500">
          {hint}
        </div>
      )}
    </div>
  );
}
