import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { AuthService } from '../auth/auth.service';
import { I18n } from '../i18n/i18n.service';
import { visibleMenu } from '../layout/menu';

@Component({
  selector: 'app-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NzCardModule, NzButtonModule, NzIconModule],
  templateUrl: './home.html',
  styleUrl: './home.css',
})
export class Home {
  protected readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;
  /** The same entries as the menu, as shortcuts; home itself is left out. */
  protected readonly shortcuts = computed(() =>
    visibleMenu(this.auth.isSignedIn(), this.auth.roles()).filter((item) => item.id !== 'home'),
  );
}
