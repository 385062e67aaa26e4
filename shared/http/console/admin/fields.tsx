/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { FieldErrors } from './components';
import { type FormError, type FormValues, fieldId } from './forms';

/** What every field of an admin form gets: the posted or stored values and the errors to show. */
export interface FieldContext {
  values: FormValues;
  errors: readonly FormError[];
}

const describedBy = (ctx: FieldContext, name: string, hint: boolean) => {
  const ids = [
    ...(hint ? [`${fieldId(name)}-hint`] : []),
    ...(ctx.errors.some((e) => e.field === name) ? [`${fieldId(name)}-error`] : []),
  ];
  return ids.length > 0 ? ids.join(' ') : undefined;
};
const invalid = (ctx: FieldContext, name: string) =>
  ctx.errors.some((e) => e.field === name) ? 'true' : undefined;

function Hint(props: { name: string; hint?: Child }) {
  if (props.hint === undefined) return null;
  return (
    <p class="hint" id={`${fieldId(props.name)}-hint`}>
      {props.hint}
    </p>
  );
}

export function TextField(props: {
  ctx: FieldContext;
  name: string;
  label: string;
  hint?: Child;
  type?: 'text' | 'time' | 'datetime-local';
  inputmode?: 'numeric' | 'decimal';
  size?: 'short';
}) {
  const { ctx, name } = props;
  return (
    <div class={`field${props.size === 'short' ? ' short' : ''}`}>
      <label for={fieldId(name)}>{props.label}</label>
      <Hint name={name} hint={props.hint} />
      <FieldErrors field={name} errors={ctx.errors} />
      <input
        id={fieldId(name)}
        name={name}
        type={props.type ?? 'text'}
        inputmode={props.inputmode}
        value={ctx.values[name] ?? ''}
        aria-invalid={invalid(ctx, name)}
        aria-describedby={describedBy(ctx, name, props.hint !== undefined)}
        autocomplete="off"
      />
    </div>
  );
}

export function TextArea(props: {
  ctx: FieldContext;
  name: string;
  label: string;
  hint?: Child;
  rows?: number;
}) {
  const { ctx, name } = props;
  return (
    <div class="field">
      <label for={fieldId(name)}>{props.label}</label>
      <Hint name={name} hint={props.hint} />
      <FieldErrors field={name} errors={ctx.errors} />
      <textarea
        id={fieldId(name)}
        name={name}
        rows={props.rows ?? 3}
        aria-invalid={invalid(ctx, name)}
        aria-describedby={describedBy(ctx, name, props.hint !== undefined)}
      >
        {ctx.values[name] ?? ''}
      </textarea>
    </div>
  );
}

export function Select(props: {
  ctx: FieldContext;
  name: string;
  label: string;
  hint?: Child;
  options: readonly { value: string; label: string }[];
}) {
  const { ctx, name } = props;
  const chosen = ctx.values[name] ?? '';
  return (
    <div class="field">
      <label for={fieldId(name)}>{props.label}</label>
      <Hint name={name} hint={props.hint} />
      <FieldErrors field={name} errors={ctx.errors} />
      <select
        id={fieldId(name)}
        name={name}
        aria-invalid={invalid(ctx, name)}
        aria-describedby={describedBy(ctx, name, props.hint !== undefined)}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === chosen}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One checkbox; its field name is posted when checked. */
export function Checkbox(props: { ctx: FieldContext; name: string; label: string }) {
  const { ctx, name } = props;
  return (
    <label class="check" for={fieldId(name)}>
      <input
        type="checkbox"
        id={fieldId(name)}
        name={name}
        checked={ctx.values[name] !== undefined}
        aria-invalid={invalid(ctx, name)}
        aria-describedby={ctx.errors.some((e) => e.field === name) ? `${fieldId(name)}-error` : undefined}
      />{' '}
      <span>{props.label}</span>
    </label>
  );
}

/** Checkboxes under one legend; the group's errors are those of its first box. */
export function CheckboxGroup(props: {
  ctx: FieldContext;
  legend: string;
  hint?: Child;
  boxes: readonly { name: string; label: string }[];
}) {
  const first = props.boxes[0]?.name ?? '';
  return (
    <fieldset class="checks">
      <legend>{props.legend}</legend>
      <Hint name={`${first}-group`} hint={props.hint} />
      <FieldErrors field={first} errors={props.ctx.errors} />
      <div class="check-row">
        {props.boxes.map((box) => (
          <Checkbox ctx={props.ctx} name={box.name} label={box.label} />
        ))}
      </div>
    </fieldset>
  );
}

/** Radio buttons of one field. */
export function Radios(props: {
  ctx: FieldContext;
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
}) {
  const { ctx, name } = props;
  const chosen = ctx.values[name] ?? '';
  return (
    <fieldset class="checks">
      <legend>{props.legend}</legend>
      <FieldErrors field={name} errors={ctx.errors} />
      {props.options.map((option, i) => (
        <label class="check" for={i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`}>
          <input
            type="radio"
            id={i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`}
            name={name}
            value={option.value}
            checked={option.value === chosen}
          />{' '}
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
