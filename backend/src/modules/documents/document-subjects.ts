import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { DocumentSubjectType } from './document-rules.js';

/** How the module owning a subject (service records, milestones, tenders, bids) says who may read it. */
export interface SubjectReaders {
  /** May `user` read this subject, and so the documents attached to it? (A sealed bid: only its organization before the deadline.) */
  canView(user: AuthUser, subjectId: string): Promise<boolean>;
}

/**
 * The registry through which the modules owning subjects open their documents to their readers,
 * so the documents module imports none of them (as payments' StripeEventHandlers). A subject type
 * may have several readers (a bid: its organization and the street office in the bids module, the
 * evaluation panel in its own); one yes opens it. A type nobody registered opens nothing: its
 * documents stay readable by their owner only.
 */
@Injectable()
export class DocumentSubjects {
  private readonly readers = new Map<DocumentSubjectType, SubjectReaders[]>();

  register(type: DocumentSubjectType, readers: SubjectReaders): void {
    this.readers.set(type, [...(this.readers.get(type) ?? []), readers]);
  }

  async canView(user: AuthUser, type: DocumentSubjectType, subjectId: string): Promise<boolean> {
    for (const readers of this.readers.get(type) ?? [])
      if (await readers.canView(user, subjectId)) return true;
    return false;
  }
}
