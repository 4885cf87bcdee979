import { ReactiveFormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { FormFields } from './form-fields';

/**
 * What a page whose forms stand in cards imports together (its `imports: [FORM_CARDS, …]`): reactive
 * forms declared as field lists (`app-form-fields`), NG-ZORRO's form, card, button and alert (the
 * form's refusal). Only what every such page uses: a page imports the rest itself.
 */
export const FORM_CARDS = [
  ReactiveFormsModule,
  NzAlertModule,
  NzButtonModule,
  NzCardModule,
  NzFormModule,
  FormFields,
] as const;
