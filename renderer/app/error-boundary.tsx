import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface State {
  failed: boolean;
}

/**
 * Catches a rendering failure in one screen and offers a retry, keeping the shell usable.
 * Nothing about the error is logged: it might include record content.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // Deliberately silent: see the class comment.
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    if (this.state.failed && prev.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <div role="alert" className="error-panel">
            <h2>{t('errors.boundaryTitle')}</h2>
            <p>{t('errors.boundaryBody')}</p>
            <button type="button" className="button" onClick={() => this.setState({ failed: false })}>
              {t('errors.boundaryRetry')}
            </button>
          </div>
        )}
      </Translation>
    );
  }
}
