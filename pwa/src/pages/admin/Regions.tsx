/**
 * 地区与单位 (admin): the region tree (add a region under any node, rename it, set its code;
 * each township with its inspectors), then per county its units and the XLSX import of
 * townships, villages and units.
 */
import { useState } from 'preact/hooks';
import {
  childLevel,
  createRegion,
  flatten,
  REGION_LEVELS,
  regionTree,
  updateRegion,
  type RegionLevel,
  type RegionNode,
} from '../../api/admin';
import '../../styles/admin.css';
import { t } from '../../i18n';
import { useLoad } from '../../lib/hooks';
import { ErrorBanner, errorMessage, Loading, PageTitle } from '../../components/ui';
import { fieldMessages, FormActions, InputField, SelectField } from '../../components/form';
import { CountyUnits } from './Units';

type Editing = { mode: 'add'; parent: RegionNode | null } | { mode: 'edit'; node: RegionNode };

export function Regions() {
  const tree = useLoad(() => regionTree(), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  const nodes = tree.data?.items ?? [];
  const counties = flatten(nodes).filter((r) => r.level === 'county');

  const form = (
    <RegionForm
      editing={editing}
      onDone={() => {
        setEditing(null);
        tree.reload();
      }}
      onCancel={() => setEditing(null)}
    />
  );

  return (
    <section class="page admin-regions">
      <PageTitle>{t('nav.regions')}</PageTitle>
      <section class="card" data-testid="region-tree">
        <h2>{t('admin.tree')}</h2>
        {tree.loading && !tree.data && <Loading />}
        <ErrorBanner error={tree.error} onRetry={tree.reload} />
        {tree.data && nodes.length === 0 && <p class="empty">{t('admin.treeEmpty')}</p>}
        <p>
          <button
            type="button"
            class="btn"
            data-testid="region-add-root"
            onClick={() => setEditing({ mode: 'add', parent: null })}
          >
            {t('admin.addRoot')}
          </button>
        </p>
        {editing?.mode === 'add' && editing.parent === null && form}
        <RegionList nodes={nodes} editing={editing} setEditing={setEditing} form={form} />
      </section>
      <CountyUnits counties={counties} onImported={tree.reload} />
    </section>
  );
}

function levelLabel(level: RegionLevel): string {
  return t(`admin.level.${level}`);
}

function RegionList({
  nodes,
  editing,
  setEditing,
  form,
}: {
  nodes: RegionNode[];
  editing: Editing | null;
  setEditing: (e: Editing) => void;
  form: preact.ComponentChildren;
}) {
  if (nodes.length === 0) return null;
  return (
    <ul class="region-tree">
      {nodes.map((n) => {
        const here =
          (editing?.mode === 'add' && editing.parent?.id === n.id) ||
          (editing?.mode === 'edit' && editing.node.id === n.id);
        return (
          <li key={n.id} data-testid="region-node" data-name={n.name} data-level={n.level}>
            <div class="region-row">
              <span class="region-name">{n.name}</span>
              <span class="badge">{levelLabel(n.level)}</span>
              {n.code && <span class="mono muted">{n.code}</span>}
              <span class="admin-actions">
                {childLevel(n.level) && (
                  <button
                    type="button"
                    class="btn btn-small"
                    data-testid="region-add-child"
                    onClick={() => setEditing({ mode: 'add', parent: n })}
                  >
                    {t('admin.addChild')}
                  </button>
                )}
                <button
                  type="button"
                  class="btn btn-small"
                  data-testid="region-edit"
                  onClick={() => setEditing({ mode: 'edit', node: n })}
                >
                  {t('admin.rename')}
                </button>
              </span>
            </div>
            {n.level === 'township' && (
              <p class="hint region-inspectors" data-testid="region-inspectors">
                {n.inspectors.length
                  ? t('admin.inspectors', {
                      names: n.inspectors.map((p) => p.display_name).join('、'),
                    })
                  : t('admin.noInspectors')}
              </p>
            )}
            {here && form}
            <RegionList nodes={n.children} editing={editing} setEditing={setEditing} form={form} />
          </li>
        );
      })}
    </ul>
  );
}

function RegionForm({
  editing,
  onDone,
  onCancel,
}: {
  editing: Editing | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const node = editing?.mode === 'edit' ? editing.node : null;
  const parent = editing?.mode === 'add' ? editing.parent : null;
  const below = REGION_LEVELS.slice(parent ? REGION_LEVELS.indexOf(parent.level) + 1 : 0);
  const [name, setName] = useState(node?.name ?? '');
  const [code, setCode] = useState(node?.code ?? '');
  const [level, setLevel] = useState<RegionLevel>(
    node?.level ?? childLevel(parent?.level ?? null) ?? 'county',
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!editing) return null;

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      if (node) await updateRegion(node.id, { name: name.trim(), code: code.trim() || null });
      else
        await createRegion({
          name: name.trim(),
          level,
          parent_id: parent?.id ?? null,
          code: code.trim() || null,
        });
      onDone();
    } catch (err) {
      setErrors(fieldMessages(err));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form-grid region-form" onSubmit={submit} noValidate data-testid="region-form">
      {!node && (
        <SelectField
          id="region-level"
          label={t('admin.level')}
          testid="region-form-level"
          error={errors.level}
          value={level}
          onValue={(v) => setLevel(v as RegionLevel)}
          options={below.map((l) => ({ value: l, label: levelLabel(l) }))}
        />
      )}
      <InputField
        id="region-name"
        name="name"
        label={t('admin.name')}
        testid="region-form-name"
        error={errors.name}
        value={name}
        onValue={setName}
        autocomplete="off"
        required
      />
      <InputField
        id="region-code"
        name="code"
        label={t('admin.code')}
        testid="region-form-code"
        error={errors.code}
        value={code}
        onValue={setCode}
        autocomplete="off"
      />
      <FormActions
        testid="region-form"
        error={error}
        success={null}
        busy={busy}
        submitLabel={t('admin.save')}
      />
      <button type="button" class="btn" data-testid="region-form-cancel" onClick={onCancel}>
        {t('admin.cancel')}
      </button>
    </form>
  );
}
