/**
 * A county's units (code, name, contact person, phone: add, edit) and the XLSX import of its
 * townships, villages and units.
 */
import { useState } from 'preact/hooks';
import {
  countyUnits,
  createUnit,
  importRegions,
  regionTemplateUrl,
  updateUnit,
  type Unit,
  type UnitFields,
} from '../../api/admin';
import { t } from '../../i18n';
import { useLoad } from '../../lib/hooks';
import { ErrorBanner, errorMessage, Loading } from '../../components/ui';
import {
  fieldMessages,
  FormActions,
  idChoices,
  InputField,
  SelectField,
} from '../../components/form';
import { WorkbookImport } from './WorkbookImport';

export function CountyUnits({
  counties,
  onImported,
}: {
  counties: { id: number; name: string }[];
  onImported: () => void;
}) {
  const [chosen, setChosen] = useState('');
  const countyId = Number(chosen || counties[0]?.id || 0) || null;
  const units = useLoad(
    () => (countyId ? countyUnits(countyId) : Promise.resolve({ items: [] as Unit[] })),
    [countyId],
  );
  const [editing, setEditing] = useState<number | 'new' | null>(null);

  if (counties.length === 0)
    return (
      <section class="card">
        <h2>{t('admin.units')}</h2>
        <p class="empty">{t('admin.noCounty')}</p>
      </section>
    );

  const done = () => {
    setEditing(null);
    units.reload();
  };

  return (
    <>
      <section class="card" data-testid="county-units">
        <h2>{t('admin.units')}</h2>
        <SelectField
          id="units-county"
          label={t('admin.county')}
          testid="units-county"
          value={String(countyId ?? '')}
          onValue={(v) => {
            setChosen(v);
            setEditing(null);
          }}
          options={idChoices(counties)}
        />
        {units.loading && !units.data && <Loading />}
        <ErrorBanner error={units.error} onRetry={units.reload} />
        {units.data && units.data.items.length === 0 && (
          <p class="empty">{t('admin.unitsEmpty')}</p>
        )}
        <ul class="unit-list">
          {(units.data?.items ?? []).map((u) => (
            <li key={u.id} data-testid="unit-row" data-code={u.code} class="unit-item">
              {editing === u.id ? (
                <UnitForm countyId={countyId!} unit={u} onDone={done} />
              ) : (
                <div class="region-row">
                  <span class="mono">{u.code}</span>
                  <b>{u.name}</b>
                  <span>{[u.contact_person, u.contact_phone].filter(Boolean).join(' ')}</span>
                  <button
                    type="button"
                    class="btn btn-small"
                    data-testid="unit-edit"
                    onClick={() => setEditing(u.id)}
                  >
                    {t('admin.editUnit')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
        {editing === 'new' ? (
          <UnitForm countyId={countyId!} onDone={done} />
        ) : (
          <button
            type="button"
            class="btn"
            data-testid="unit-add"
            onClick={() => setEditing('new')}
          >
            {t('admin.addUnit')}
          </button>
        )}
      </section>
      <WorkbookImport
        key={countyId}
        testid="region-import"
        title={t('admin.import')}
        hint={t('admin.importHint')}
        templateUrl={regionTemplateUrl()}
        send={async (file, dryRun) => {
          const answer = await importRegions(countyId!, file, dryRun);
          if (!dryRun && answer.errors.length === 0) {
            onImported();
            units.reload();
          }
          return answer;
        }}
        summary={(r) =>
          t(r.dry_run ? 'admin.regionPreview' : 'admin.regionDone', {
            townships: r.townships.length,
            villages: r.villages.length,
            created: r.units_created.length,
            updated: r.units_updated.length,
          })
        }
      />
    </>
  );
}

function UnitForm({
  countyId,
  unit,
  onDone,
}: {
  countyId: number;
  unit?: Unit;
  onDone: () => void;
}) {
  const [values, setValues] = useState<Record<keyof UnitFields, string>>({
    code: unit?.code ?? '',
    name: unit?.name ?? '',
    contact_person: unit?.contact_person ?? '',
    contact_phone: unit?.contact_phone ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    const body: UnitFields = {
      code: values.code.trim(),
      name: values.name.trim(),
      contact_person: values.contact_person.trim() || null,
      contact_phone: values.contact_phone.trim() || null,
    };
    try {
      if (unit) await updateUnit(unit.id, body);
      else await createUnit(countyId, body);
      onDone();
    } catch (err) {
      setErrors(fieldMessages(err));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const input = (key: keyof UnitFields, label: string, extra = {}) => (
    <InputField
      id={`unit-${key}`}
      name={key}
      label={label}
      testid={`unit-form-${key.replace('_', '-')}`}
      error={errors[key]}
      value={values[key]}
      onValue={(v) => setValues((old) => ({ ...old, [key]: v }))}
      autocomplete="off"
      {...extra}
    />
  );

  return (
    <form class="form-grid unit-form" onSubmit={submit} noValidate data-testid="unit-form">
      {input('code', t('admin.unitCode'), { required: true })}
      {input('name', t('admin.unitName'), { required: true })}
      {input('contact_person', t('admin.contactPerson'))}
      {input('contact_phone', t('admin.contactPhone'), { type: 'tel' })}
      <FormActions
        testid="unit-form"
        error={error}
        success={null}
        busy={busy}
        submitLabel={t('admin.save')}
      />
      <button type="button" class="btn" onClick={onDone}>
        {t('admin.cancel')}
      </button>
    </form>
  );
}
