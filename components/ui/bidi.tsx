import type { ReactNode } from 'react';

/**
 * User or page text inside UI text: isolated so an Arabic name in an English sentence (or a Latin
 * order number in Arabic) keeps its order and does not reorder its neighbours.
 */
export function Bidi({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <bdi dir="auto" className={className}>
      {children}
    </bdi>
  );
}

/** Always left-to-right: hex codes, ids, shortcuts' ASCII parts, URLs. */
export function Ltr({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <bdi dir="ltr" className={className}>
      {children}
    </bdi>
  );
}
