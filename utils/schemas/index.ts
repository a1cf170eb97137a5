export * from './activity-log';
export * from './ad-capture';
export * from './brand-kit';
export * from './common';
export * from './guidance-pack';
export * from './playbook';
export * from './settings';
export * from './template';
