import { useTranslation } from 'react-i18next';
import type { Task } from '../../../../shared/domain';
import { useWorkspace } from '../../workspace';
import { completeTask, toastWithUndo } from './actions';

/** The checkbox that completes or reopens a task (an undoable command). */
export function TaskCheck({ task }: { task: Task }) {
  const { t } = useTranslation();
  const { repo } = useWorkspace();
  const toggle = async (done: boolean): Promise<void> => {
    await completeTask(repo, task, done);
    toastWithUndo(done ? t('tasks.completed') : t('tasks.reopened'), repo, t);
  };
  return (
    <input
      type="checkbox"
      className="task-check"
      checked={task.done}
      aria-label={t('tasks.markDone', { title: task.title })}
      onChange={(e) => void toggle(e.target.checked)}
    />
  );
}
