import { type ReactNode, useState } from 'react';

/** A dashed area that takes dropped files; the button inside it is the keyboard path. */
export function DropZone({
  onFiles,
  className = '',
  testId,
  children,
}: {
  onFiles: (files: FileList) => void;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for files; the button inside is the keyboard path
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        onFiles(e.dataTransfer.files);
      }}
      className={`rounded-lg border-2 border-dashed p-3 ${dragging ? 'border-brand-600 bg-brand-50' : 'border-slate-300'} ${className}`}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
