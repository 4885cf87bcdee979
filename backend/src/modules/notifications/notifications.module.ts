import { Global, Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { Notifier } from './notifier.js';

/** Notices without HTTP: every domain service may notify (API and workers); the workers send the e-mails. */
@Global()
@Module({
  imports: [MailModule],
  providers: [Notifier, NotificationsService],
  exports: [Notifier, NotificationsService],
})
export class NotificationsCoreModule {}

@Module({ imports: [NotificationsCoreModule], controllers: [NotificationsController] })
export class NotificationsModule {}
