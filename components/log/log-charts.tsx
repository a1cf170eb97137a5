import { useSignals } from '@preact/signals-react/runtime';
import type { LogStats } from '@/utils/activity/log-types';
import { formatNumber } from '@/utils/i18n/locale';
import type { MessageKey } from '@/utils/i18n/messages';
import { direction, locale, t } from '@/utils/state/panel-store';
import { DayBars, dayLabel, PaletteBar, RankBars } from './chart-primitives';

/** The four charts of a range, labelled in the panel's language and mirrored in Arabic. */
export function LogCharts({ stats, templateTitle }: { stats: LogStats; templateTitle: (id: string) => string | undefined }) {
  useSignals();
  const lang = locale.value;
  const rtl = direction.value === 'rtl';
  const percent = (n: number) => formatNumber(lang, n, { style: 'percent' });

  const replies = stats.repliesPerDay.reduce((sum, d) => sum + d.count, 0);
  const busiest = Math.max(0, ...stats.repliesPerDay.map((d) => d.count));
  const { pass, warn, fail, error } = stats.palette;
  const judged = pass + warn + fail;
  const unknownAdvertiser = t('logtab.chart.unknownAdvertiser');
  const count = t('a11y.chart.count');

  return (
    <section className="grid gap-4" aria-label={t('logtab.charts')}>
      <DayBars
        testId="log-chart-replies"
        data={stats.repliesPerDay}
        locale={lang}
        rtl={rtl}
        title={t('logtab.chart.replies')}
        columns={[t('a11y.chart.day'), count]}
        summary={t('logtab.chart.repliesSummary', { count: replies, days: stats.repliesPerDay.length, max: busiest })}
        valueTitle={(bar) => t('logtab.chart.dayValue', { day: dayLabel(lang, bar.day), count: bar.count })}
      />
      <RankBars
        testId="log-chart-templates"
        locale={lang}
        rtl={rtl}
        title={t('logtab.chart.templates')}
        columns={[t('a11y.chart.template'), count]}
        summary={t('logtab.chart.top', { count: stats.topTemplates.length })}
        empty={t('logtab.chart.none')}
        items={stats.topTemplates.map(({ templateId, count }) => {
          const label = templateTitle(templateId) ?? templateId;
          return { key: templateId, label, count, title: t('logtab.chart.templateValue', { name: label, count }) };
        })}
      />
      <RankBars
        testId="log-chart-ads"
        locale={lang}
        rtl={rtl}
        title={t('logtab.chart.ads')}
        columns={[t('a11y.chart.advertiser'), count]}
        summary={t('logtab.chart.adsNote')}
        empty={t('logtab.chart.none')}
        items={stats.adsPerAdvertiser.map(({ advertiser, count }) => {
          const label = advertiser || unknownAdvertiser;
          return { key: advertiser || '(none)', label, count, title: t('logtab.chart.adValue', { name: label, count }) };
        })}
      />
      <PaletteBar
        testId="log-chart-palette"
        palette={stats.palette}
        locale={lang}
        rtl={rtl}
        title={t('logtab.chart.palette')}
        columns={[t('a11y.chart.verdict'), count]}
        summary={
          judged + error === 0
            ? t('logtab.chart.none')
            : t('logtab.chart.passRate', { rate: percent(judged ? pass / judged : 0), pass, total: judged })
        }
        empty={t('logtab.chart.none')}
        verdictLabel={(v) => t(`logtab.verdict.${v}` as MessageKey)}
      />
    </section>
  );
}
