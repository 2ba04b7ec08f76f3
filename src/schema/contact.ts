/** contact.yaml — the closing slide: who to contact. */
import { z } from 'zod';
import { Email, Url, text } from './primitives.ts';

export const ContactSchema = z
  .strictObject({
    heading: text('スライド見出し。例: 共創の場形成支援の問い合わせ先'),
    organization: text('組織名。例: 国立研究開発法人科学技術振興機構'),
    department: text('部署名。例: イノベーション拠点推進部'),
    section: text('課名。例: 企画課'),
    email: Email,
    emailLabel: text('メールの前の見出し。例: e-mail'),
    url: Url.describe('情報掲載先のホームページ。例: https://www.jst.go.jp/pf/platform'),
    urlLabel: text('URLの前の見出し。例: HP'),
    lead: text('URLの前の一文。例: 今後の情報は、下記ホームページをご覧ください。'),
    closing: text('締めの言葉。例: ご清聴ありがとうございました'),
    address: text('所在地（公募要領の問い合わせ先に出る）。例: 〒102-0076 東京都千代田区五番町7').optional(),
    phone: text('電話番号（公募要領の問い合わせ先に出る）。不明なら「（要確認）」').optional(),
    hours: text('受付時間（公募要領の問い合わせ先に出る）。例: 平日 10時～17時').optional(),
  })
  .describe('問い合わせ先（contact.yaml）');
