import { createRoot } from 'react-dom/client';
import { App } from '@/components/sidepanel/app';
import { startPanelStore } from '@/utils/state/panel-store';
import '@/components/ui/style.css';

startPanelStore();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
