import type { Signal } from '@angular/core';
import type { I18nKey } from '../i18n/zh-CN';
import { type ListFilter, listFilter } from './filter-select';

/**
 * A list's required filter over a fixed set of values (the status of what it lists), kept in the
 * list's query (its `ListQuery`) under the filter's name: it shows the value there, and a value
 * picked goes back to it.
 */
export function queryFilter<K extends string, T extends string>(
  query: { value: Signal<Record<K, unknown>>; set(patch: Partial<Record<K, NoInfer<T>>>): void },
  name: K,
  label: I18nKey,
  values: readonly T[],
  labelOf: (value: T) => string,
): ListFilter {
  const choices = values.map((value) => ({ value, label: labelOf(value) }));
  const pick = (picked: unknown) => {
    const value = values.find((v) => v === picked);
    if (value) query.set({ [name]: value } as Partial<Record<K, T>>);
  };
  return listFilter(name, label, choices, query.value()[name], pick, { required: true });
}
