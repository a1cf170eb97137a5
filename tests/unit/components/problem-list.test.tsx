import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { ProblemList } from '../../../components/ui/problem-list';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('ProblemList', () => {
  it('names where a problem is, but says nothing for the whole file ("$")', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () =>
      root.render(
        <ProblemList
          problems={[
            { path: '$', message: 'Dalil was interrupted before it could answer. Please try again.' },
            { path: '$.templates[2].body', message: 'Too long' },
          ]}
        />,
      ),
    );
    const items = [...container.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual(['Dalil was interrupted before it could answer. Please try again.', '$.templates[2].bodyToo long']);
    await act(async () => root.unmount());
    container.remove();
  });
});
