import { useSignals } from '@preact/signals-react/runtime';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { dataUrlToBlob } from '@/utils/ads/media-download';
import type { PaletteReport } from '@/utils/brand/report';
import type { StoredAd } from '@/utils/db/schema';
import { sendToBackground } from '@/utils/messaging/client';
import { t } from '@/utils/state/panel-store';
import { activeKit, checkInPanel } from './brand-state';
import { PaletteReportView } from './palette-report';

/**
 * "Check palette" on a saved ad: its first saved image (a video's poster) from the swipe file's
 * media store, checked against the kit in use — how close a competitor's creative sits to our palette.
 */
export function AdPaletteCheck({ ad }: { ad: StoredAd }) {
  useSignals();
  const [report, setReport] = useState<PaletteReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const media = ad.media.find((m) => (m.kind === 'image' ? m.blobId : m.posterBlobId));
  const blobId = media ? (media.kind === 'image' ? media.blobId : media.posterBlobId) : undefined;
  const kit = activeKit.value;

  async function run() {
    if (!blobId) return setMissing(true);
    setBusy(true);
    try {
      const found = await sendToBackground('panel.getMedia', { blobIds: [blobId] });
      const dataUrl = found[blobId];
      if (!dataUrl) return setMissing(true);
      const label = `${ad.advertiserName ?? ad.library} · ${ad.libraryAdId}`;
      setReport(await checkInPanel(dataUrlToBlob(dataUrl), { origin: 'swipe', label }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2" data-testid="ad-palette-check">
      <Button onClick={() => void run()} disabled={busy}>
        {t('palette.checkAd')}
      </Button>
      {missing && <p className="m-0 text-xs text-slate-500">{t('palette.adNoImage')}</p>}
      {report && kit && <PaletteReportView report={report} kit={kit} />}
    </div>
  );
}
