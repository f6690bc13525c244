import { getEngine } from '../helpers/engine';

// The scam signal (intents/q9.yaml scam_signal), class by class, through the real pipeline.
// Each class is shown by several phrasings written for this test (none from a labelled set):
// a class, not a sentence, is what the signal knows.
const classes: Array<[klass: string, label: string, phrasings: string[]]> = [
  [
    'the polite connective of arriving (来まして, 届きまして), as the elderly and keigo write',
    'q9',
    [
      '協会けんぽから手紙が来まして、口座番号を書いて返送するようにとありました',
      'けんぽの者という方から封書が届きまして、マイナンバーのコピーを同封せよとのことです',
      '協会の方からショートメールがきまして、リンクを押すように書いてありました',
    ],
  ],
  [
    'a request made to the person as a noun or an English demand (依頼が来た, wants a fee, demanded)',
    'q9',
    [
      '協会けんぽの職員が、手数料を支払うよう依頼してきました',
      '協会けんぽから保険証の写真を送るよう依頼が来たんですが',
      'A woman from Kyokai Kenpo wants my bank PIN',
      'Someone claiming to be Kyokai Kenpo demanded a fee to delete my data',
      'A caller from the association asks for my insurance card number',
    ],
  ],
  [
    'a request quoted with its ending or as a plain imperative (送ってね、って / 入れろと)',
    'q9',
    [
      'マイナンバー教えてね、って協会けんぽからLINEが来た',
      '口座番号確認させてよ、って協会けんぽの人からメール',
      'けんぽから めーるで カードの ばんごうを いれろと きました',
      '協会けんぽのメールに、アプリを入れろとありました',
    ],
  ],
  [
    "in the association's name (の名で, の名をかたる)",
    'q9',
    [
      '協会けんぽの名で、調査費の振込を求めるハガキが届いた',
      '協会けんぽの名をかたるSMSで、リンクを開けと',
      'けんぽの名で保険証の回収に来たという男がいます',
    ],
  ],
  [
    'someone claiming to be someone asked the person something, beside a question about the leak',
    'q9',
    [
      'けんぽを名乗る人に生年月日を聞かれたけど、そもそも情報は漏れたの？',
      '協会けんぽを名乗る男から家族構成を聞かれました。流出と関係ありますか',
      '協会を名乗る女性に勤務先を聞かれたんだけど、漏えいした情報ってどこまで？',
    ],
  ],
  [
    'their words reported in the English present tense (they say, he says) with what they want',
    'q9',
    [
      "A LINE message from 'Kyokai Kenpo support'. They say I get money back, go to the ATM",
      'A man from Kyokai Kenpo keeps calling. He says I must pay a fee to keep my insurance',
      'Kyokai Kenpo staff at my door, she says they need my bank card',
      "Email from the association: they're saying my card is stopped and I must enter my PIN",
    ],
  ],
  [
    'quoted words in kana (〜って かいてあった), as voice input and slow typists write them',
    'q9',
    [
      'おたくの なまえで ふうとうが とどいて てつづきを するって かいてあって',
      'きょうかいけんぽから はがきが きて こうざを おしえてくださいって かいてありました',
      'けんぽの なまえの てがみに てすうりょうを ふりこむよう とかいてあった',
    ],
  ],
  [
    'a request reported as their words (request × told/quoted, in one sentence)',
    'q9',
    [
      '協会けんぽの人から通帳を見せてと言われました',
      'けんぽの職員に、カードの写真を送ってって頼まれたんだけど',
      '「アプリを入れてください」と協会けんぽのメールに書いてありました',
      '支部の担当という人に、暗証番号を教えてくれと言われて困っています',
    ],
  ],
  [
    'something of value asked for, in the passive (聞かれた, 求められた)',
    'q9',
    [
      '協会けんぽからの電話で口座番号を聞かれた',
      'けんぽの人にマイナンバーを求められたけど普通？',
      '協会の者と名乗る女性に在留カードのコピーを要求されました',
    ],
  ],
  [
    'the person already did it (gave, paid, installed, pressed)',
    'q9',
    [
      '協会けんぽを名乗る人にキャッシュカードを渡してしまった',
      'けんぽの人に言われてアプリをインストールしちゃった',
      '協会けんぽのSMSのリンクを押して、カード番号を入力しました',
      'I gave my bank account number to a man from Kyokai Kenpo',
    ],
  ],
  [
    'a contact by any channel from the association or someone claiming to be',
    'q9',
    [
      '協会けんぽからLINEで友だち追加されました',
      'けんぽを名乗るはがきが届いたんだけど',
      '自動音声で「全国健康保険協会です、1を押してください」と流れた',
      '協会けんぽの職員だという二人組が家に来た',
    ],
  ],
  [
    'a question whether the association contacts people that way',
    'q9',
    [
      '協会けんぽから個別にメールが来ることはありますか',
      'けんぽってSMS送ってくることある？',
      'Does Kyokai Kenpo ever visit people at home?',
    ],
  ],
  [
    'anyone citing the incident: a "lawyer", "the police", a data firm, the leaked list',
    'q9',
    [
      '弁護士事務所から、協会けんぽの流出で賠償金が取れるので着手金をと手紙が来た',
      '警察を名乗る男から、漏えいの件で口座を調べると言われた',
      'あなたは流出リストに載っているから削除費用を払えと言われた',
    ],
  ],
  [
    'a report from someone unnamed: reached and asked',
    'q9',
    [
      '知らない番号から電話があって、保険証の番号を聞かれました',
      '見知らぬ男が家に来て、通帳を見せろと言った',
      'でんわで あんしょうばんごう きかれた',
    ],
  ],
  [
    'worry about scams',
    'q9',
    [
      '詐欺に巻き込まれないか不安です',
      'この件に便乗した詐欺に引っかからないためにはどうしたらいい？',
      '協会けんぽになりすましたメールの見分け方を教えて',
    ],
  ],
  [
    'another organisation’s scam, nothing of the association or the incident: the general route',
    'fallback',
    [
      '銀行員を名乗る人からキャッシュカードの暗証番号を聞かれた',
      '宅配業者の不在通知SMSのリンクを押してしまった',
      '年金事務所を名乗る電話で還付金があると言われた',
      '孫を名乗る男から電話でお金を貸してと言われた',
    ],
  ],
  [
    'the person says outright that it is not about the association: another sender’s scam',
    'fallback',
    [
      '協会けんぽとは関係ないんですが、銀行を名乗る電話で暗証番号を聞かれました',
      'けんぽの件とは別の話で、宅配業者からSMSが来てリンクを押してしまった',
      'Not about Kyokai Kenpo, but someone called me asking for my bank PIN',
    ],
  ],
  [
    'a clinic or a professional (社労士, 司法書士) claimed as the sender: another sender’s scam',
    'fallback',
    [
      '病院の事務を名乗る人から、未払いの治療費を振り込めと電話が来た',
      'クリニックの者と名乗る女性から、診察代を払えと言われた',
      '社労士を名乗る人から、助成金の手数料を先に払えと言われた',
      '司法書士を名乗る男から、示談金を振り込むよう電話が来た',
    ],
  ],
  [
    'a prank or a fake message asked of the bot reports no scam',
    'no warning',
    [
      '協会けんぽっぽいメールの文面を考えて、友達に送るから',
      'けんぽを名乗るSMSの文例を考えてよ、いたずらしたい',
      '協会けんぽのふりをしたLINEの文面作って',
    ],
  ],
  [
    'the person’s own call to the association',
    'fallback',
    [
      'コールセンターに電話するときは保険証の番号を聞かれますか',
      '自分から協会けんぽに電話したら、生年月日を聞かれた。答えて大丈夫？',
      '協会けんぽに問い合わせるときの電話番号を教えて',
    ],
  ],
  [
    'self-introductions and hearsay are no claim or contact',
    'no warning',
    [
      '人事部の者です。従業員の情報は外部に漏れたのでしょうか',
      '同僚が「けんぽやばいらしい」って言ってたけど、情報は漏れたの？',
      '流出してないって言われても、本当に漏れていないんですか',
    ],
  ],
];

describe.each(classes)('%s → %s', (_klass, label, phrasings) => {
  it.each(phrasings)('%s', async (text) => {
    const engine = await getEngine();
    const { label: got, decision } = engine.classify(text);
    if (label === 'no warning') expect(decision.safety).toEqual([]);
    else expect(got).toBe(label);
  });
});
