import { createRoot } from 'react-dom/client';
import { PickerApp } from '@/components/picker/picker-app';
import type { PickerInit } from '@/utils/messaging/channels';
import '@/components/ui/style.css';

/**
 * The picker runs only once a Dalil content script hands it a port with the nonce from this
 * frame's own URL: a page that frames picker.html itself cannot make it act.
 */
const nonce = location.hash.slice(1);
addEventListener('message', function onInit(event: MessageEvent<PickerInit>) {
  const port = event.ports[0];
  if (!nonce || event.data?.type !== 'dalil-picker-init' || event.data.nonce !== nonce || !port) return;
  removeEventListener('message', onInit);
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<PickerApp init={event.data} port={port} />);
});
