import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createDefaultPipeline,
  defaultStageKeys,
  newPipelineId,
  type Pipeline,
} from '../../../shared/domain';
import { useWorkspace, type Workspace } from '../../session/workspace';
import { randomBytes } from '../../vault';
import { useTable } from '../../ui/model-hooks';

/** The pipeline the board shows: the live default one, else the first live one. */
export function activePipeline(pipelines: readonly Pipeline[]): Pipeline | undefined {
  const live = pipelines.filter((p) => p.deletedAt === null);
  return live.find((p) => p.isDefault) ?? live[0];
}

// WARNING: effects run twice in development (StrictMode); one creation per repository at a time.
const creating = new WeakMap<Workspace['repo'], Promise<unknown>>();

/**
 * The active pipeline; on first use creates the default one, with stage names in the user's
 * language. Creating it is not undoable: undo must never take the board away.
 */
export function usePipeline(): Pipeline | undefined {
  const { t } = useTranslation();
  const { model, repo, run } = useWorkspace();
  const pipeline = activePipeline(useTable(model, 'pipelines'));
  useEffect(() => {
    if (pipeline || creating.has(repo)) return;
    const names = Object.fromEntries(defaultStageKeys.map((k) => [k, t(`deals.stages.${k}`)]));
    const created = createDefaultPipeline(
      newPipelineId(randomBytes),
      t('deals.pipelineName'),
      names as Record<(typeof defaultStageKeys)[number], string>,
      randomBytes,
      repo.stamp(),
    );
    const job = run('pipelines.create', {
      changes: [{ table: 'pipelines', before: null, after: created }],
    }).finally(() => creating.delete(repo));
    creating.set(repo, job);
  }, [pipeline, repo, run, t]);
  return pipeline;
}
