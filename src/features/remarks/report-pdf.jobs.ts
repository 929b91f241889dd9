// The published report's PDF, made in the background whenever a change asks for it (report-pdf.service.ts).
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../jobs/queue.js';
import { makeReportPdf, REPORT_PDF_JOB } from './report-pdf.service.js';

export function reportPdfJobs({ db, storage, clock, logger, config }: Deps): JobDefinition[] {
  return [
    {
      name: REPORT_PDF_JOB,
      async handler(data) {
        const { consultationId } = data as { consultationId: number };
        const started = Date.now();
        const result = await makeReportPdf({ db, storage, now: clock.now(), site: { name: config.siteName, cityHall: config.cityHallName } }, consultationId);
        logger.info({ consultationId, result, ms: Date.now() - started }, 'report PDF');
      },
    },
  ];
}
