import type { Handlers } from '@/utils/messaging/router';

type SyncMessages =
  | 'panel.syncStatus'
  | 'panel.subscribe'
  | 'panel.unsubscribe'
  | 'panel.refreshPack'
  | 'panel.applyPendingUpdate'
  | 'panel.dismissPendingUpdate'
  | 'panel.restorePackVersion'
  | 'panel.diffPack'
  | 'panel.generateSigningKey'
  | 'panel.exportSigningKey'
  | 'panel.pinPublicKey'
  | 'panel.publishPack'
  | 'panel.setWebhook'
  | 'panel.flushOutbox'
  | 'panel.listPersonalTemplates'
  | 'panel.savePersonalTemplate'
  | 'panel.deletePersonalTemplate';

const notYet = () => {
  throw new Error('Not built yet');
};

export function syncHandlers(): Pick<Handlers, SyncMessages> {
  return {
    'panel.syncStatus': notYet,
    'panel.subscribe': notYet,
    'panel.unsubscribe': notYet,
    'panel.refreshPack': notYet,
    'panel.applyPendingUpdate': notYet,
    'panel.dismissPendingUpdate': notYet,
    'panel.restorePackVersion': notYet,
    'panel.diffPack': notYet,
    'panel.generateSigningKey': notYet,
    'panel.exportSigningKey': notYet,
    'panel.pinPublicKey': notYet,
    'panel.publishPack': notYet,
    'panel.setWebhook': notYet,
    'panel.flushOutbox': notYet,
    'panel.listPersonalTemplates': notYet,
    'panel.savePersonalTemplate': notYet,
    'panel.deletePersonalTemplate': notYet,
  };
}
