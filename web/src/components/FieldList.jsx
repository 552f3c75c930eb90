// A definition list of label → value rows; empty values are left out.
export function FieldList({ rows }) {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <dl class="fields">
      {shown.map(([k, v]) => (
        <div class="field" key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
