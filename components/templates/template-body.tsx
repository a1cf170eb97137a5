/** Splits a template body into text and `{{variable}}` parts. */
function splitVariables(body: string): Array<{ text: string; variable: boolean }> {
  const parts: Array<{ text: string; variable: boolean }> = [];
  let last = 0;
  for (const match of body.matchAll(/\{\{[^{}]*\}\}/g)) {
    if (match.index > last) parts.push({ text: body.slice(last, match.index), variable: false });
    parts.push({ text: match[0], variable: true });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), variable: false });
  return parts;
}

/**
 * A template's text as people read it: each `{{variable}}` is a chip isolated left-to-right, so its
 * Latin name and braces do not scramble the Arabic sentence around it.
 */
export function TemplateBody({ body, className = '' }: { body: string; className?: string }) {
  return (
    <p dir="auto" className={`whitespace-pre-line ${className}`}>
      {splitVariables(body).map((part, index) =>
        part.variable ? (
          <bdi key={index} dir="ltr" className="rounded bg-violet-50 px-1 font-mono text-[0.8em] text-violet-800">
            {part.text}
          </bdi>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}
