import { createRoot } from 'react-dom/client';
import { PickerApp } from '@/components/picker/picker-app';
import type { ContentToPicker, PickerInit, PickerOpening } from '@/utils/messaging/channels';
import '@/components/ui/style.css';

/**
 * The picker runs only once a Dalil content script hands it a port with the nonce from this
 * frame's own URL: a page that frames picker.html itself cannot make it act. The content script keeps
 * the frame between openings on its page: each later one comes over that port and starts the picker
 * afresh (a new key), while the templates and their search index it loaded stay (components/picker).
 */
const nonce = location.hash.slice(1);
addEventListener('message', function onInit(event: MessageEvent<PickerInit>) {
  const port = event.ports[0];
  if (!nonce || event.data?.type !== 'dalil-picker-init' || event.data.nonce !== nonce || !port) return;
  removeEventListener('message', onInit);
  const root = document.getElementById('root');
  if (!root) return;
  const app = createRoot(root);
  let opened = 0;
  const show = ({ platform, context, preselect, origin }: PickerOpening) =>
    app.render(<PickerApp key={++opened} init={{ platform, context, preselect, origin }} port={port} />);
  show(event.data);
  port.onmessage = (message: MessageEvent<ContentToPicker>) => {
    if (message.data?.type === 'dalil-picker-open') show(message.data);
    // Closed: hidden, it draws nothing (what it loaded stays in memory for the next opening).
    else if (message.data?.type === 'dalil-picker-closed') app.render(null);
  };
});
