import { Pipe, type PipeTransform } from '@angular/core';
import { formatFen } from './money';

/** An amount in fen as the pages show it: `{{ 123450 | fen }}` is ¥1,234.50 (— when there is none). */
@Pipe({ name: 'fen' })
export class FenPipe implements PipeTransform {
  transform(fen: number | null | undefined): string {
    return formatFen(fen);
  }
}
