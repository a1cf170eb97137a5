export type PlaybookBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

const LIST_ITEM = /^\s*- /;

/**
 * A playbook's plain-text body as blocks: blank lines separate paragraphs, and consecutive lines
 * starting with "- " make one list. A line that does not start with "- " ends a list and starts a
 * paragraph, so "Escalate when:" directly above its items still reads as its own line.
 */
export function parsePlaybookBody(body: string): PlaybookBlock[] {
  const blocks: PlaybookBlock[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    let current: PlaybookBlock | undefined;
    for (const line of chunk.split('\n')) {
      if (line.trim() === '') continue;
      if (LIST_ITEM.test(line)) {
        const item = line.replace(LIST_ITEM, '').trim();
        if (current?.kind === 'list') current.items.push(item);
        else {
          current = { kind: 'list', items: [item] };
          blocks.push(current);
        }
      } else if (current?.kind === 'paragraph') {
        current.text += `\n${line.trim()}`;
      } else {
        current = { kind: 'paragraph', text: line.trim() };
        blocks.push(current);
      }
    }
  }
  return blocks;
}

/**
 * The blocks as React elements — text nodes only, never markup, so a body holding HTML shows it as
 * text. Each paragraph and list item takes its direction from its own first letters, so an Arabic
 * playbook reads right to left in the English panel and the other way round.
 */
export function PlaybookBlocks({ blocks }: { blocks: readonly PlaybookBlock[] }) {
  return (
    <>
      {blocks.map((block, index) =>
        block.kind === 'paragraph' ? (
          <p key={index} dir="auto" className="my-1 whitespace-pre-line">
            {block.text}
          </p>
        ) : (
          <ul key={index} dir="auto" className="my-1 list-disc space-y-0.5 ps-5">
            {block.items.map((item, itemIndex) => (
              <li key={itemIndex} dir="auto">
                {item}
              </li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}
