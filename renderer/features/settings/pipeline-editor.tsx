import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { newStageId, type Pipeline, type StageId } from '../../../shared/domain';
import { Dialog } from '../../ui/dialog';
import { TextField } from '../../ui/text-field';
import { toastWithUndo } from '../../ui/undo-toast';
import { useWorkspace } from '../../session/workspace';
import { randomBytes, ValidationFailed } from '../../vault';
import { useTable } from '../../ui/model-hooks';
import { useFocusRequest } from './focus-request';
import { draftOf, finalStage, planPipelineSave, type PipelineDraft } from './pipeline-editor-plan';

/** The pipeline the deals board shows: the live default one, else the first live one. */
function activePipeline(pipelines: readonly Pipeline[]): Pipeline | undefined {
  const live = pipelines.filter((p) => p.deletedAt === null);
  return live.find((p) => p.isDefault) ?? live[0];
}

/** Edits the active pipeline: its name and its stages, saved as one `pipeline.update` command. */
export function PipelineEditor() {
  const { t } = useTranslation();
  const { model } = useWorkspace();
  const pipeline = activePipeline(useTable(model, 'pipelines'));
  // The "New pipeline stage" command arrives as `focus=new`; each arrival (a new location key)
  // starts a draft with one more stage, once, even if the form restarts after a save.
  const [params] = useSearchParams();
  const location = useLocation();
  const request = params.get('focus') === 'new' ? location.key : null;
  const [handled, setHandled] = useState<string | null>(null);
  // The rename, reorder and remove commands land on the first stage's control for that change;
  // here, not in the form, which starts again after each save.
  const form = useRef<HTMLFormElement>(null);
  useFocusRequest(form, pipeline !== undefined);
  if (!pipeline) return <p className="muted">{t('settingsCrm.pipeline.loading')}</p>;
  // Keyed by the stored version: after a save or an undo the draft starts again from the record.
  return (
    <PipelineForm
      key={`${pipeline.id}:${pipeline.updatedAt}:${request ?? ''}`}
      pipeline={pipeline}
      formRef={form}
      addStage={request !== null && request !== handled}
      onStageAdded={() => setHandled(request)}
    />
  );
}

function PipelineForm(props: {
  pipeline: Pipeline;
  formRef: RefObject<HTMLFormElement | null>;
  addStage: boolean;
  onStageAdded: () => void;
}) {
  const { pipeline, formRef, addStage, onStageAdded } = props;
  const { t } = useTranslation();
  const { model, repo, run } = useWorkspace();
  const deals = useTable(model, 'deals');
  const newStage = () => ({
    id: newStageId(randomBytes),
    name: t('settingsCrm.pipeline.newStage'),
    probability: '50',
  });
  const [draft, setDraft] = useState<PipelineDraft>(() => {
    const initial = draftOf(pipeline);
    return addStage ? { ...initial, stages: [...initial.stages, newStage()] } : initial;
  });
  // The stage whose name takes the cursor: the one the command added.
  const [focusIndex] = useState(() => (addStage ? draft.stages.length - 1 : -1));
  useEffect(() => {
    if (addStage) onStageAdded();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reports the mount's stage once
  }, []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [removing, setRemoving] = useState<{ index: number; target: string } | null>(null);
  const [busy, setBusy] = useState(false);

  // Deals counted per stage of the draft, including those that will move in from removed stages.
  const counts = new Map<string, number>();
  for (const d of deals) {
    if (d.pipelineId !== pipeline.id || d.deletedAt !== null) continue;
    const stage = finalStage(draft, d.stageId);
    if (stage) counts.set(stage, (counts.get(stage) ?? 0) + 1);
  }

  const setStage = (index: number, patch: Partial<PipelineDraft['stages'][number]>) =>
    setDraft((d) => ({ ...d, stages: d.stages.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));

  const move = (index: number, step: -1 | 1) =>
    setDraft((d) => {
      const stages = [...d.stages];
      const [stage] = stages.splice(index, 1);
      stages.splice(index + step, 0, stage!);
      return { ...d, stages };
    });

  const add = () => setDraft((d) => ({ ...d, stages: [...d.stages, newStage()] }));

  const remove = (index: number, target?: StageId) =>
    setDraft((d) => {
      const stage = d.stages[index]!;
      return {
        ...d,
        stages: d.stages.filter((_, i) => i !== index),
        moves: target ? { ...d.moves, [stage.id]: target } : d.moves,
      };
    });

  const askRemove = (index: number) => {
    const stage = draft.stages[index]!;
    if ((counts.get(stage.id) ?? 0) === 0) return remove(index);
    const other = draft.stages.find((_, i) => i !== index)!;
    setRemoving({ index, target: other.id });
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    try {
      const plan = planPipelineSave(pipeline, draft, deals, repo.stamp());
      const token = await run('pipelines.update', {
        changes: [
          { table: 'pipelines', before: pipeline, after: plan.pipeline },
          ...plan.deals.map((d) => ({ table: 'deals' as const, ...d })),
        ],
      });
      setErrors({});
      toastWithUndo(repo, token, t('settingsCrm.pipeline.saved'), t);
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      // Full paths (`stages.1.probability`): each stage row has two inputs.
      const byPath: Record<string, string> = {};
      for (const issue of err.issues) byPath[issue.path.join('.')] ??= issue.code;
      setErrors(byPath);
      toast.error(t('crm.formHasErrors'));
    } finally {
      setBusy(false);
    }
  };

  const err = (field: string) => errors[field] || undefined;
  const removingStage = removing ? draft.stages[removing.index] : undefined;
  const removingCount = removingStage ? (counts.get(removingStage.id) ?? 0) : 0;

  return (
    <form
      ref={formRef}
      className="settings settings-crm"
      onSubmit={(e) => void save(e)}
      noValidate
      autoComplete="off"
    >
      <fieldset>
        <legend>{t('settingsCrm.pipeline.title')}</legend>
        <p className="muted">{t('settingsCrm.pipeline.intro')}</p>
        <TextField
          label={t('settingsCrm.pipeline.name')}
          value={draft.name}
          onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
          error={err('name')}
        />
        <h2 id="pipeline-stages-title">{t('settingsCrm.pipeline.stages')}</h2>
        <ol className="settings-crm-list" aria-labelledby="pipeline-stages-title" data-testid="stage-list">
          {draft.stages.map((s, i) => (
            <li key={s.id} className="settings-crm-row settings-crm-stage">
              <TextField
                label={t('settingsCrm.pipeline.stageNameOf', { position: i + 1 })}
                autoFocus={i === focusIndex}
                data-focus="rename"
                value={s.name}
                onChange={(e) => setStage(i, { name: e.target.value })}
                error={err(`stages.${i}.name`)}
              />
              <TextField
                label={t('settingsCrm.pipeline.probabilityOf', { position: i + 1 })}
                inputMode="numeric"
                value={s.probability}
                onChange={(e) => setStage(i, { probability: e.target.value })}
                error={err(`stages.${i}.probability`)}
              />
              <span className="muted">
                {t('settingsCrm.pipeline.deals', { count: counts.get(s.id) ?? 0 })}
              </span>
              <span className="settings-crm-actions">
                <button
                  type="button"
                  className="button secondary"
                  aria-label={t('settingsCrm.moveUp', { name: s.name })}
                  data-focus="reorder"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button secondary"
                  aria-label={t('settingsCrm.moveDown', { name: s.name })}
                  data-focus="reorder"
                  disabled={i === draft.stages.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button secondary"
                  aria-label={t('settingsCrm.pipeline.remove', { position: i + 1 })}
                  data-focus="trash"
                  title={draft.stages.length === 1 ? t('settingsCrm.pipeline.lastStage') : undefined}
                  disabled={draft.stages.length === 1}
                  onClick={() => askRemove(i)}
                >
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
        <div className="form-actions">
          <button type="button" className="button secondary" data-focus="new" onClick={add}>
            {t('settingsCrm.pipeline.addStage')}
          </button>
          <span style={{ flex: 1 }} />
          <button type="button" className="button secondary" onClick={() => setDraft(draftOf(pipeline))}>
            {t('settingsCrm.pipeline.discard')}
          </button>
          <button type="submit" className="button" disabled={busy}>
            {t('settingsCrm.save')}
          </button>
        </div>
      </fieldset>
      {removing && removingStage && (
        <Dialog
          open
          onOpenChange={(open) => !open && setRemoving(null)}
          title={t('settingsCrm.pipeline.removeTitle', { name: removingStage.name })}
        >
          <p>{t('settingsCrm.pipeline.removeBody', { count: removingCount })}</p>
          <label className="field">
            <span>{t('settingsCrm.pipeline.moveTo')}</span>
            <select
              value={removing.target}
              onChange={(e) => setRemoving({ ...removing, target: e.target.value })}
            >
              {draft.stages
                .filter((_, i) => i !== removing.index)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
          </label>
          <div className="form-actions">
            <button type="button" className="button secondary" onClick={() => setRemoving(null)}>
              {t('settingsCrm.cancel')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                remove(removing.index, removing.target as StageId);
                setRemoving(null);
              }}
            >
              {t('settingsCrm.pipeline.confirmRemove')}
            </button>
          </div>
        </Dialog>
      )}
    </form>
  );
}
