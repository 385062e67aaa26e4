import type { Messages } from './types';

export const fi: Messages = {
  locale: 'fi-FI',
  languageName: 'Suomeksi',
  languageSwitchLabel: 'Kieli',
  siteName: 'Asiakaspalaute',
  documentTitle: (page, site) => `${page} – ${site}`,
  errorDocumentTitle: (title) => `Virhe: ${title}`,
  footerLabel: 'Lisätietoja',
  privacyNotice: 'Tietosuojaseloste',

  form: {
    heading: 'Kerro kokemuksestasi',
    intro: 'Vastaaminen vie noin minuutin. Voit vastata vain niihin kysymyksiin, joihin haluat.',
    visit: (date) => `Kysely koskee asiointiasi ${date}.`,
    anonymity:
      'Vastauksesi ovat nimettömiä. Niitä ei yhdistetä sinuun eikä puhelinnumeroosi, eivätkä ne vaikuta saamaasi palveluun.',
    optional: 'Kaikki kysymykset ovat vapaaehtoisia.',
    npsEnd: (value, label) => `${value} = ${label}`,
    commentLimit: (max) => `Enintään ${max} merkkiä.`,
    submit: 'Lähetä vastaus',
  },

  errors: {
    summaryTitle: 'Tarkista vastauksesi',
    prefix: 'Virhe:',
    range: 'Valitse jokin annetuista vaihtoehdoista.',
    tooLong: (max) => `Teksti on liian pitkä. Kirjoita enintään ${max} merkkiä.`,
    empty: 'Vastaa vähintään yhteen kysymykseen ennen lähettämistä.',
    inQuestion: (question, problem) => `${question} ${problem}`,
  },

  thanks: {
    title: 'Kiitos vastauksestasi!',
    body: 'Vastauksesi on tallennettu. Palautteesi auttaa kehittämään palveluja.',
    closing: 'Voit nyt sulkea tämän sivun.',
  },
  expired: {
    title: 'Vastausaika on päättynyt',
    body: 'Tähän kyselyyn ei voi enää vastata, koska linkki on vanhentunut. Kiitos mielenkiinnostasi.',
  },
  answered: {
    title: 'Kyselyyn on jo vastattu',
    body: 'Tällä linkillä on jo lähetetty vastaus, eikä sitä voi lähettää toista kertaa. Kiitos palautteestasi!',
  },
  notFound: {
    title: 'Kyselyä ei löytynyt',
    body: 'Tarkista, että linkki on kokonainen ja täsmälleen sama kuin tekstiviestissä.',
  },

  optOut: {
    link: 'Älä lähetä minulle enää kyselyitä',
    title: 'Älä lähetä minulle enää kyselyitä',
    body: 'Jos vahvistat, puhelinnumeroosi ei enää lähetetä asiakaspalautekyselyitä.',
    scope: (organization) => `Kielto koskee kaikkia palveluja, joista ${organization} lähettää kyselyitä.`,
    reassurance: 'Tämä ei vaikuta hoitoosi eikä palveluihisi.',
    confirm: 'Vahvista: älä lähetä enää kyselyitä',
    cancel: 'Palaa kyselyyn',
    doneTitle: 'Kyselyitä ei enää lähetetä',
    doneBody:
      'Puhelinnumeroosi ei enää lähetetä asiakaspalautekyselyitä. Tämä ei vaikuta hoitoosi eikä palveluihisi.',
  },

  forbidden: {
    title: 'Lomaketta ei voitu lähettää',
    body: 'Lomake lähetettiin toiselta sivustolta, joten sitä ei käsitelty. Avaa kysely tekstiviestin linkistä ja vastaa uudelleen.',
    back: 'Avaa kysely',
  },
  tooLarge: {
    title: 'Vastaus on liian pitkä',
    body: 'Lähettämäsi tiedot olivat liian suuret. Lyhennä tekstiä ja yritä uudelleen.',
  },
  serverError: {
    title: 'Jotain meni vikaan',
    body: 'Sivua ei juuri nyt voitu näyttää. Yritä hetken kuluttua uudelleen.',
  },
  unavailable: {
    title: 'Kysely ei ole juuri nyt käytettävissä',
    body: 'Kyselyä ei voi tällä hetkellä näyttää. Vika on meidän päässämme, ja se on kirjattu korjattavaksi. Yritä myöhemmin uudelleen.',
  },
  badForm: {
    title: 'Vastausta ei voitu lukea',
    body: 'Lomakkeen tiedot saapuivat vajaina, joten vastausta ei tallennettu. Avaa kysely ja vastaa uudelleen.',
    back: 'Avaa kysely',
  },

  accessibility: {
    link: 'Saavutettavuusseloste',
    title: 'Saavutettavuusseloste',
    intro:
      'Tämä saavutettavuusseloste koskee asiakaspalautekyselyn verkkosivuja, joille tekstiviestin linkki johtaa.',
    law: 'Palvelua koskee laki digitaalisten palvelujen tarjoamisesta (306/2019).',
    statusHeading: 'Saavutettavuuden tila',
    status:
      'Kyselysivut on suunniteltu ja testattu täyttämään WCAG\u00a02.1\u00a0-ohjeiston A- ja AA-tason saavutettavuusvaatimukset. Sivut toimivat ruudunlukijalla, pelkällä näppäimistöllä, kapealla puhelimen näytöllä, suurennettuna ja ilman JavaScriptiä. Kysely on saatavilla suomeksi, ruotsiksi ja englanniksi.',
    gaps: 'Emme ole tunnistaneet sivuilla saavutettavuuspuutteita.',
    methodHeading: 'Miten saavutettavuus on arvioitu',
    method:
      'Saavutettavuus on arvioitu itse. Jokainen muutos testataan automaattisesti oikealla selaimella: axe-core-työkalulla, vastaamalla koko kyselyyn pelkällä näppäimistöllä jokaisella kielellä, 320 pikselin levyisellä näytöllä ja JavaScript poistettuna käytöstä.',
    dated: (date) => `Seloste on laadittu ${date}.`,
    feedbackHeading: 'Anna palautetta saavutettavuudesta',
    feedback:
      'Huomasitko saavutettavuuspuutteen? Kerro siitä meille, niin korjaamme sen tai toimitamme sisällön sinulle saavutettavassa muodossa.',
    feedbackEmailLabel: 'Sähköposti:',
    feedbackNoEmail:
      'Ota yhteyttä kyselyn lähettäneen organisaation asiakaspalveluun tai kirjaamoon. Yhteystiedot löytyvät organisaation verkkosivuilta.',
    responseTime: 'Vastaamme palautteeseen 14 päivän kuluessa.',
    supervisionHeading: 'Valvontaviranomainen',
    supervision:
      'Jos huomaat sivuilla saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta lainkaan kahden viikon aikana, voit tehdä ilmoituksen valvontaviranomaiselle.',
    authority: 'Liikenne- ja viestintävirasto Traficom',
    authorityUnit: 'Digitaalisen esteettömyyden ja saavutettavuuden valvonta',
    authorityWebsite: {
      href: 'https://www.saavutettavuusvaatimukset.fi/',
      text: 'www.saavutettavuusvaatimukset.fi',
    },
    authorityEmailLabel: 'Sähköposti:',
    authorityEmail: 'saavutettavuus@traficom.fi',
    authorityPhone: 'Puhelinvaihde 029 534 5000',
  },
};
