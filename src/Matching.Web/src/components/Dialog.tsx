import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface DialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  onCancel: () => void;
  children?: ComponentChildren;
}

/** A modal confirmation on the page (a native <dialog>: focus kept inside, Esc cancels). */
export function ConfirmDialog({ open, title, confirmLabel, danger, onCancel, onConfirm, children }: DialogProps & { onConfirm: () => void }) {
  const ref = useModal(open);
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="dialog-title" onCancel={e => { e.preventDefault(); onCancel(); }}>
      <form method="dialog" onSubmit={e => { e.preventDefault(); onConfirm(); }}>
        <h2 id="dialog-title">{title}</h2>
        {children}
        <div class="actions">
          <button type="submit" class={danger ? 'danger' : 'primary'}>{confirmLabel}</button>
          <button type="button" onClick={onCancel}>取消</button>
        </div>
      </form>
    </dialog>
  );
}

/** A modal that asks for a required reason (withdrawing, restoring); an empty reason is refused on the page. */
export function ReasonDialog({ open, title, confirmLabel, danger, onCancel, onConfirm, children, label = '原因' }: DialogProps & { onConfirm: (reason: string) => void; label?: string }) {
  const ref = useModal(open);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  useEffect(() => { if (open) { setReason(''); setError(''); } }, [open]);
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="reason-title" onCancel={e => { e.preventDefault(); onCancel(); }}>
      <form method="dialog" noValidate onSubmit={e => {
        e.preventDefault();
        const text = reason.trim();
        if (!text) { setError(`请填写${label}：将记入项目历史，相关县区可见。`); (document.getElementById('reason-text') as HTMLElement | null)?.focus(); return; }
        onConfirm(text);
      }}>
        <h2 id="reason-title">{title}</h2>
        {children}
        <div class="field wide">
          <label for="reason-text">{label}<span class="req" aria-hidden="true"> *</span></label>
          <textarea id="reason-text" rows={3} required value={reason} aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'reason-error' : undefined} onInput={e => { setReason((e.target as HTMLTextAreaElement).value); setError(''); }} />
          {error && <p id="reason-error" class="field-error" role="alert">{error}</p>}
        </div>
        <div class="actions">
          <button type="submit" class={danger ? 'danger' : 'primary'}>{confirmLabel}</button>
          <button type="button" onClick={onCancel}>取消</button>
        </div>
      </form>
    </dialog>
  );
}

function useModal(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
