import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { toastWithUndo } from '../undo-toast';
import { completeTask } from './actions';

/** The checkbox that completes or reopens a task (an undoable command). */
export function TaskCheck({ task }: { task: Task }) {
  const { t } = useTranslation();
  const { repo, run } = useWorkspace();
  // Shows the new state while the write is encrypted and stored, instead of springing back.
  const [pending, setPending] = useState<boolean | null>(null);
  const toggle = async (done: boolean): Promise<void> => {
    setPending(done);
    try {
      const token = await completeTask({ repo, run }, task, done);
      if (token !== undefined)
        toastWithUndo(repo, token, done ? t('tasks.completed') : t('tasks.reopened'), t);
    } finally {
      setPending(null);
    }
  };
  return (
    <input
      type="checkbox"
      className="task-check"
      checked={pending ?? task.done}
      disabled={pending !== null}
      aria-label={t('tasks.markDone', { title: task.title })}
      onChange={(e) => void toggle(e.target.checked)}
    />
  );
}
