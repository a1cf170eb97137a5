import { type ReactNode, useRef } from 'react';
import { Button } from './button';

/**
 * A button that opens the file chooser (the input itself stays hidden). The chosen files are handed
 * over and the input emptied at once, so choosing the same file again is a new choice.
 */
export function FileButton({
  accept,
  multiple = false,
  testId,
  onFiles,
  variant,
  disabled,
  children,
}: {
  accept: string;
  multiple?: boolean;
  /** The hidden input's data-testid (tests set files on it). */
  testId: string;
  onFiles: (files: File[]) => void;
  variant?: Parameters<typeof Button>[0]['variant'];
  disabled?: boolean;
  children: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button variant={variant} disabled={disabled} onClick={() => input.current?.click()}>
        {children}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        className="hidden"
        data-testid={testId}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}
