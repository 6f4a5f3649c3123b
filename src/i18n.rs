//! The built-in page text in the site's language (English, Spanish, French,
//! German, Arabic, Chinese), overridable label by label in site.toml `[labels]`,
//! and dates printed the way each language writes them.

use std::collections::BTreeMap;

mod plural;

/// Label keys and their English text; every language fills the same keys.
const EN: &[(&str, &str)] = &[
    ("skip", "Skip to content"),
    ("languages", "Languages"),
    ("home", "Front page"),
    ("latest", "Latest edition"),
    ("editions", "Editions"),
    ("edition", "Edition"),
    ("archive", "Archive"),
    ("tags", "Topics"),
    ("authors", "Authors"),
    ("sources", "Sources"),
    ("sections", "Sections"),
    ("search", "Search"),
    ("by", "By"),
    ("and", "and"),
    ("updated", "Updated"),
    ("published", "Published"),
    ("undated", "Undated"),
    ("older_news", "Earlier news"),
    ("page_of", "Page {n} of {total}"),
    ("newer", "Newer"),
    ("older", "Older"),
    ("previous", "Previous"),
    ("next", "Next"),
    ("previous_article", "Previous article"),
    ("next_article", "Next article"),
    ("previous_edition", "Previous edition"),
    ("next_edition", "Next edition"),
    ("min_read", "{n} min read"),
    ("words", "{n} words"),
    ("related", "Related coverage"),
    ("thread", "The story so far"),
    ("this_article", "You are here"),
    ("source", "Source"),
    ("source_more", "More from this source"),
    ("corrections", "Corrections"),
    ("correction", "Correction"),
    ("feeds", "Feeds"),
    ("articles_count", "{n} articles"),
    ("all_articles", "All {n} articles"),
    ("not_found", "Page not found"),
    ("not_found_text", "There is no page at this address. It may have moved."),
    ("search_placeholder", "Search the digest"),
    ("search_nojs", "Search needs JavaScript. Browse the archive or the topics instead."),
    ("search_all", "All"),
    ("search_sort", "Order"),
    ("search_newest", "Newest first"),
    ("search_relevance", "Best match"),
    ("search_results", "{n} articles found"),
    ("search_result_one", "{n} article found"),
    ("search_none", "No articles match “{query}”."),
    ("search_failed", "Search could not load. Browse the archive or the topics instead."),
    ("lead_story", "Lead story"),
    ("in_this_edition", "In this edition"),
    ("all_editions", "All editions"),
    ("year", "Year"),
    ("month", "Month"),
    ("view_online", "View in your browser"),
    ("unsubscribe", "Unsubscribe"),
    ("read_more", "Read more"),
    ("subscribe", "Subscribe"),
    (
        "subscribe_text",
        "Get every edition in your inbox, free. Leave whenever you like: every e-mail has an unsubscribe link.",
    ),
    ("email_address", "Your e-mail address"),
    ("subscribe_button", "Subscribe"),
    ("subscribe_mailto", "Write to us to subscribe"),
    ("sample_edition", "Read the latest e-mail edition"),
    ("follow_feeds", "Or follow a feed"),
    ("site_menu", "Site menu"),
    ("footer_menu", "About this publication"),
    ("policies", "Our standards"),
    ("masthead", "Masthead"),
    ("corrections_policy", "Corrections policy"),
    ("ethics_policy", "Ethics policy"),
    ("ownership_funding", "Ownership and funding"),
    ("feedback_policy", "Feedback policy"),
    ("diversity_policy", "Diversity policy"),
    ("fact_checking_policy", "Fact-checking policy"),
    ("unnamed_sources_policy", "Unnamed sources policy"),
    ("articles_by", "Articles"),
    ("elsewhere", "Elsewhere"),
    ("page_kind", "Page"),
];

const ES: &[(&str, &str)] = &[
    ("skip", "Ir al contenido"),
    ("languages", "Idiomas"),
    ("home", "Portada"),
    ("latest", "Última edición"),
    ("editions", "Ediciones"),
    ("edition", "Edición"),
    ("archive", "Archivo"),
    ("tags", "Temas"),
    ("authors", "Autores"),
    ("sources", "Fuentes"),
    ("sections", "Secciones"),
    ("search", "Buscar"),
    ("by", "Por"),
    ("and", "y"),
    ("updated", "Actualizado"),
    ("published", "Publicado"),
    ("undated", "Sin fecha"),
    ("older_news", "Noticias anteriores"),
    ("page_of", "Página {n} de {total}"),
    ("newer", "Más recientes"),
    ("older", "Anteriores"),
    ("previous", "Anterior"),
    ("next", "Siguiente"),
    ("previous_article", "Artículo anterior"),
    ("next_article", "Artículo siguiente"),
    ("previous_edition", "Edición anterior"),
    ("next_edition", "Edición siguiente"),
    ("min_read", "{n} min de lectura"),
    ("words", "{n} palabras"),
    ("related", "Cobertura relacionada"),
    ("thread", "La historia hasta ahora"),
    ("this_article", "Está aquí"),
    ("source", "Fuente"),
    ("source_more", "Más de esta fuente"),
    ("corrections", "Correcciones"),
    ("correction", "Corrección"),
    ("feeds", "Canales"),
    ("articles_count", "{n} artículos"),
    ("all_articles", "Los {n} artículos"),
    ("not_found", "Página no encontrada"),
    ("not_found_text", "No hay ninguna página en esta dirección. Puede que se haya movido."),
    ("search_placeholder", "Buscar en el resumen"),
    ("search_nojs", "La búsqueda necesita JavaScript. Consulte el archivo o los temas."),
    ("search_all", "Todos"),
    ("search_sort", "Orden"),
    ("search_newest", "Más recientes primero"),
    ("search_relevance", "Más relevantes"),
    ("search_results", "{n} artículos encontrados"),
    ("search_result_one", "{n} artículo encontrado"),
    ("search_none", "Ningún artículo coincide con «{query}»."),
    ("search_failed", "No se pudo cargar la búsqueda. Consulte el archivo o los temas."),
    ("lead_story", "Noticia principal"),
    ("in_this_edition", "En esta edición"),
    ("all_editions", "Todas las ediciones"),
    ("year", "Año"),
    ("month", "Mes"),
    ("view_online", "Ver en el navegador"),
    ("unsubscribe", "Darse de baja"),
    ("read_more", "Leer más"),
    ("subscribe", "Suscribirse"),
    (
        "subscribe_text",
        "Reciba cada edición en su correo, gratis. Puede darse de baja cuando quiera: cada correo lleva un enlace para ello.",
    ),
    ("email_address", "Su correo electrónico"),
    ("subscribe_button", "Suscribirse"),
    ("subscribe_mailto", "Escríbanos para suscribirse"),
    ("sample_edition", "Lea la última edición por correo"),
    ("follow_feeds", "O siga un canal"),
    ("site_menu", "Menú del sitio"),
    ("footer_menu", "Sobre esta publicación"),
    ("policies", "Nuestras normas"),
    ("masthead", "Quiénes somos"),
    ("corrections_policy", "Política de correcciones"),
    ("ethics_policy", "Código ético"),
    ("ownership_funding", "Propiedad y financiación"),
    ("feedback_policy", "Política de comentarios"),
    ("diversity_policy", "Política de diversidad"),
    ("fact_checking_policy", "Verificación de datos"),
    ("unnamed_sources_policy", "Fuentes anónimas"),
    ("articles_by", "Artículos"),
    ("elsewhere", "En otros sitios"),
    ("page_kind", "Página"),
];

const FR: &[(&str, &str)] = &[
    ("skip", "Aller au contenu"),
    ("languages", "Langues"),
    ("home", "À la une"),
    ("latest", "Dernière édition"),
    ("editions", "Éditions"),
    ("edition", "Édition"),
    ("archive", "Archives"),
    ("tags", "Sujets"),
    ("authors", "Auteurs"),
    ("sources", "Sources"),
    ("sections", "Rubriques"),
    ("search", "Rechercher"),
    ("by", "Par"),
    ("and", "et"),
    ("updated", "Mis à jour"),
    ("published", "Publié"),
    ("undated", "Sans date"),
    ("older_news", "Actualités précédentes"),
    ("page_of", "Page {n} sur {total}"),
    ("newer", "Plus récents"),
    ("older", "Plus anciens"),
    ("previous", "Précédent"),
    ("next", "Suivant"),
    ("previous_article", "Article précédent"),
    ("next_article", "Article suivant"),
    ("previous_edition", "Édition précédente"),
    ("next_edition", "Édition suivante"),
    ("min_read", "{n} min de lecture"),
    ("words", "{n} mots"),
    ("related", "À lire aussi"),
    ("thread", "Le fil de l’histoire"),
    ("this_article", "Vous êtes ici"),
    ("source", "Source"),
    ("source_more", "Plus de cette source"),
    ("corrections", "Corrections"),
    ("correction", "Correction"),
    ("feeds", "Flux"),
    ("articles_count", "{n} articles"),
    ("all_articles", "Les {n} articles"),
    ("not_found", "Page introuvable"),
    ("not_found_text", "Aucune page à cette adresse. Elle a peut-être été déplacée."),
    ("search_placeholder", "Rechercher"),
    ("search_nojs", "La recherche nécessite JavaScript. Consultez les archives ou les sujets."),
    ("search_all", "Tous"),
    ("search_sort", "Ordre"),
    ("search_newest", "Plus récents d’abord"),
    ("search_relevance", "Plus pertinents"),
    ("search_results", "{n} articles trouvés"),
    ("search_result_one", "{n} article trouvé"),
    ("search_none", "Aucun article ne correspond à « {query} »."),
    ("search_failed", "La recherche n’a pas pu se charger. Consultez les archives ou les sujets."),
    ("lead_story", "À la une"),
    ("in_this_edition", "Dans cette édition"),
    ("all_editions", "Toutes les éditions"),
    ("year", "Année"),
    ("month", "Mois"),
    ("view_online", "Voir dans le navigateur"),
    ("unsubscribe", "Se désabonner"),
    ("read_more", "Lire la suite"),
    ("subscribe", "S’abonner"),
    (
        "subscribe_text",
        "Recevez chaque édition par courriel, gratuitement. Désabonnez-vous quand vous voulez : chaque courriel contient un lien pour cela.",
    ),
    ("email_address", "Votre adresse électronique"),
    ("subscribe_button", "S’abonner"),
    ("subscribe_mailto", "Écrivez-nous pour vous abonner"),
    ("sample_edition", "Lire la dernière édition par courriel"),
    ("follow_feeds", "Ou suivez un flux"),
    ("site_menu", "Menu du site"),
    ("footer_menu", "À propos de cette publication"),
    ("policies", "Nos règles"),
    ("masthead", "L’équipe"),
    ("corrections_policy", "Politique de correction"),
    ("ethics_policy", "Charte déontologique"),
    ("ownership_funding", "Propriété et financement"),
    ("feedback_policy", "Politique de retours"),
    ("diversity_policy", "Politique de diversité"),
    ("fact_checking_policy", "Vérification des faits"),
    ("unnamed_sources_policy", "Sources anonymes"),
    ("articles_by", "Articles"),
    ("elsewhere", "Ailleurs"),
    ("page_kind", "Page"),
];

const DE: &[(&str, &str)] = &[
    ("skip", "Zum Inhalt"),
    ("languages", "Sprachen"),
    ("home", "Titelseite"),
    ("latest", "Neueste Ausgabe"),
    ("editions", "Ausgaben"),
    ("edition", "Ausgabe"),
    ("archive", "Archiv"),
    ("tags", "Themen"),
    ("authors", "Autoren"),
    ("sources", "Quellen"),
    ("sections", "Ressorts"),
    ("search", "Suche"),
    ("by", "Von"),
    ("and", "und"),
    ("updated", "Aktualisiert"),
    ("published", "Veröffentlicht"),
    ("undated", "Ohne Datum"),
    ("older_news", "Frühere Meldungen"),
    ("page_of", "Seite {n} von {total}"),
    ("newer", "Neuere"),
    ("older", "Ältere"),
    ("previous", "Zurück"),
    ("next", "Weiter"),
    ("previous_article", "Vorheriger Artikel"),
    ("next_article", "Nächster Artikel"),
    ("previous_edition", "Vorherige Ausgabe"),
    ("next_edition", "Nächste Ausgabe"),
    ("min_read", "{n} Min. Lesezeit"),
    ("words", "{n} Wörter"),
    ("related", "Mehr zum Thema"),
    ("thread", "Die Geschichte bisher"),
    ("this_article", "Sie sind hier"),
    ("source", "Quelle"),
    ("source_more", "Mehr aus dieser Quelle"),
    ("corrections", "Korrekturen"),
    ("correction", "Korrektur"),
    ("feeds", "Feeds"),
    ("articles_count", "{n} Artikel"),
    ("all_articles", "Alle {n} Artikel"),
    ("not_found", "Seite nicht gefunden"),
    (
        "not_found_text",
        "Unter dieser Adresse gibt es keine Seite. Vielleicht wurde sie verschoben.",
    ),
    ("search_placeholder", "Durchsuchen"),
    ("search_nojs", "Die Suche braucht JavaScript. Nutzen Sie das Archiv oder die Themen."),
    ("search_all", "Alle"),
    ("search_sort", "Reihenfolge"),
    ("search_newest", "Neueste zuerst"),
    ("search_relevance", "Beste Treffer"),
    ("search_results", "{n} Artikel gefunden"),
    ("search_result_one", "{n} Artikel gefunden"),
    ("search_none", "Kein Artikel passt zu „{query}“."),
    (
        "search_failed",
        "Die Suche konnte nicht geladen werden. Nutzen Sie das Archiv oder die Themen.",
    ),
    ("lead_story", "Aufmacher"),
    ("in_this_edition", "In dieser Ausgabe"),
    ("all_editions", "Alle Ausgaben"),
    ("year", "Jahr"),
    ("month", "Monat"),
    ("view_online", "Im Browser ansehen"),
    ("unsubscribe", "Abmelden"),
    ("read_more", "Weiterlesen"),
    ("subscribe", "Abonnieren"),
    (
        "subscribe_text",
        "Jede Ausgabe kostenlos per E-Mail. Jederzeit kündbar: Jede E-Mail enthält einen Abmeldelink.",
    ),
    ("email_address", "Ihre E-Mail-Adresse"),
    ("subscribe_button", "Abonnieren"),
    ("subscribe_mailto", "Schreiben Sie uns, um zu abonnieren"),
    ("sample_edition", "Die neueste E-Mail-Ausgabe lesen"),
    ("follow_feeds", "Oder folgen Sie einem Feed"),
    ("site_menu", "Menü"),
    ("footer_menu", "Über diese Publikation"),
    ("policies", "Unsere Grundsätze"),
    ("masthead", "Impressum"),
    ("corrections_policy", "Korrekturrichtlinie"),
    ("ethics_policy", "Ethikrichtlinie"),
    ("ownership_funding", "Eigentum und Finanzierung"),
    ("feedback_policy", "Umgang mit Rückmeldungen"),
    ("diversity_policy", "Diversität"),
    ("fact_checking_policy", "Faktenprüfung"),
    ("unnamed_sources_policy", "Anonyme Quellen"),
    ("articles_by", "Artikel"),
    ("elsewhere", "Anderswo"),
    ("page_kind", "Seite"),
];

const AR: &[(&str, &str)] = &[
    ("skip", "انتقل إلى المحتوى"),
    ("languages", "اللغات"),
    ("home", "الصفحة الأولى"),
    ("latest", "أحدث عدد"),
    ("editions", "الأعداد"),
    ("edition", "العدد"),
    ("archive", "الأرشيف"),
    ("tags", "المواضيع"),
    ("authors", "الكتّاب"),
    ("sources", "المصادر"),
    ("sections", "الأقسام"),
    ("search", "بحث"),
    ("by", "بقلم"),
    ("and", "و"),
    ("updated", "حُدّث"),
    ("published", "نُشر"),
    ("undated", "بدون تاريخ"),
    ("older_news", "أخبار سابقة"),
    ("page_of", "الصفحة {n} من {total}"),
    ("newer", "الأحدث"),
    ("older", "الأقدم"),
    ("previous", "السابق"),
    ("next", "التالي"),
    ("previous_article", "المقال السابق"),
    ("next_article", "المقال التالي"),
    ("previous_edition", "العدد السابق"),
    ("next_edition", "العدد التالي"),
    ("min_read", "{n} دقيقة قراءة"),
    ("words", "{n} كلمة"),
    ("related", "تغطية ذات صلة"),
    ("thread", "القصة حتى الآن"),
    ("this_article", "أنت هنا"),
    ("source", "المصدر"),
    ("source_more", "المزيد من هذا المصدر"),
    ("corrections", "تصحيحات"),
    ("correction", "تصحيح"),
    ("feeds", "الخلاصات"),
    ("articles_count", "{n} مقال"),
    ("all_articles", "كل المقالات ({n})"),
    ("not_found", "الصفحة غير موجودة"),
    ("not_found_text", "لا توجد صفحة في هذا العنوان. ربما نُقلت."),
    ("search_placeholder", "ابحث في الموجز"),
    ("search_nojs", "يحتاج البحث إلى جافاسكربت. تصفّح الأرشيف أو المواضيع."),
    ("search_all", "الكل"),
    ("search_sort", "الترتيب"),
    ("search_newest", "الأحدث أولًا"),
    ("search_relevance", "الأكثر صلة"),
    ("search_results", "عدد المقالات: {n}"),
    ("search_result_one", "عدد المقالات: {n}"),
    ("search_none", "لا توجد مقالات تطابق «{query}»."),
    ("search_failed", "تعذّر تحميل البحث. تصفّح الأرشيف أو المواضيع."),
    ("lead_story", "الخبر الرئيسي"),
    ("in_this_edition", "في هذا العدد"),
    ("all_editions", "كل الأعداد"),
    ("year", "السنة"),
    ("month", "الشهر"),
    ("view_online", "اعرض في المتصفح"),
    ("unsubscribe", "إلغاء الاشتراك"),
    ("read_more", "اقرأ المزيد"),
    ("subscribe", "اشترك"),
    (
        "subscribe_text",
        "احصل على كل إصدار في بريدك مجانًا. يمكنك إلغاء الاشتراك متى شئت: في كل رسالة رابط لذلك.",
    ),
    ("email_address", "بريدك الإلكتروني"),
    ("subscribe_button", "اشترك"),
    ("subscribe_mailto", "راسلنا للاشتراك"),
    ("sample_edition", "اقرأ أحدث إصدار بالبريد"),
    ("follow_feeds", "أو تابع خلاصة"),
    ("site_menu", "قائمة الموقع"),
    ("footer_menu", "عن هذه المطبوعة"),
    ("policies", "معاييرنا"),
    ("masthead", "فريق التحرير"),
    ("corrections_policy", "سياسة التصحيحات"),
    ("ethics_policy", "ميثاق الأخلاقيات"),
    ("ownership_funding", "الملكية والتمويل"),
    ("feedback_policy", "سياسة الملاحظات"),
    ("diversity_policy", "سياسة التنوع"),
    ("fact_checking_policy", "التحقق من الحقائق"),
    ("unnamed_sources_policy", "المصادر المجهولة"),
    ("articles_by", "المقالات"),
    ("elsewhere", "في أماكن أخرى"),
    ("page_kind", "صفحة"),
];

const ZH: &[(&str, &str)] = &[
    ("skip", "跳到正文"),
    ("languages", "语言"),
    ("home", "首页"),
    ("latest", "最新一期"),
    ("editions", "往期"),
    ("edition", "本期"),
    ("archive", "归档"),
    ("tags", "话题"),
    ("authors", "作者"),
    ("sources", "来源"),
    ("sections", "栏目"),
    ("search", "搜索"),
    ("by", "作者："),
    ("and", "和"),
    ("updated", "更新于"),
    ("published", "发布于"),
    ("undated", "无日期"),
    ("older_news", "更早的新闻"),
    ("page_of", "第 {n} 页，共 {total} 页"),
    ("newer", "较新"),
    ("older", "较早"),
    ("previous", "上一页"),
    ("next", "下一页"),
    ("previous_article", "上一篇"),
    ("next_article", "下一篇"),
    ("previous_edition", "上一期"),
    ("next_edition", "下一期"),
    ("min_read", "阅读约 {n} 分钟"),
    ("words", "{n} 字"),
    ("related", "相关报道"),
    ("thread", "事件进展"),
    ("this_article", "当前文章"),
    ("source", "来源"),
    ("source_more", "该来源的更多报道"),
    ("corrections", "更正"),
    ("correction", "更正"),
    ("feeds", "订阅"),
    ("articles_count", "{n} 篇文章"),
    ("all_articles", "全部 {n} 篇文章"),
    ("not_found", "页面不存在"),
    ("not_found_text", "此地址没有页面，可能已被移动。"),
    ("search_placeholder", "搜索本站"),
    ("search_nojs", "搜索需要 JavaScript。请浏览归档或话题。"),
    ("search_all", "全部"),
    ("search_sort", "排序"),
    ("search_newest", "最新优先"),
    ("search_relevance", "最相关"),
    ("search_results", "找到 {n} 篇文章"),
    ("search_result_one", "找到 {n} 篇文章"),
    ("search_none", "没有与“{query}”匹配的文章。"),
    ("search_failed", "搜索无法加载。请浏览归档或话题。"),
    ("lead_story", "头条"),
    ("in_this_edition", "本期内容"),
    ("all_editions", "全部往期"),
    ("year", "年"),
    ("month", "月"),
    ("view_online", "在浏览器中查看"),
    ("unsubscribe", "退订"),
    ("read_more", "阅读全文"),
    ("subscribe", "订阅"),
    ("subscribe_text", "每期免费发送到您的邮箱。随时可以退订：每封邮件都有退订链接。"),
    ("email_address", "您的电子邮件地址"),
    ("subscribe_button", "订阅"),
    ("subscribe_mailto", "写信给我们以订阅"),
    ("sample_edition", "阅读最新一期电子邮件"),
    ("follow_feeds", "或订阅信息源"),
    ("site_menu", "网站菜单"),
    ("footer_menu", "关于本刊"),
    ("policies", "我们的准则"),
    ("masthead", "编辑团队"),
    ("corrections_policy", "更正政策"),
    ("ethics_policy", "道德准则"),
    ("ownership_funding", "所有权与资金"),
    ("feedback_policy", "反馈政策"),
    ("diversity_policy", "多元化政策"),
    ("fact_checking_policy", "事实核查"),
    ("unnamed_sources_policy", "匿名消息来源"),
    ("articles_by", "文章"),
    ("elsewhere", "其他平台"),
    ("page_kind", "页面"),
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// The page text of one site.
#[derive(Debug, Clone)]
pub(crate) struct Labels {
    lang: String,
    /// The language's CLDR plural rules, for counted labels.
    plurals: Option<std::sync::Arc<icu_plurals::PluralRules>>,
    /// Label key -> text, after overrides.
    pub map: BTreeMap<String, String>,
}

impl Labels {
    /// Labels for `language` (its primary subtag picks the table; unknown ones fall back
    /// to English), with `overrides` from site.toml applied.
    pub(crate) fn new(language: &str, overrides: &BTreeMap<String, String>) -> Labels {
        let lang = primary(language);
        let mut map: BTreeMap<String, String> =
            EN.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        for (k, v) in table(&lang).iter().chain(plural::built_in(&lang)) {
            map.insert(k.to_string(), v.to_string());
        }
        for (k, v) in overrides {
            map.insert(k.clone(), v.clone());
            // A counted label set in site.toml sets its forms: the built-in ones go,
            // unless site.toml sets them too.
            for form in plural::FORMS {
                let key = format!("{k}_{form}");
                if !overrides.contains_key(&key) {
                    map.remove(&key);
                }
            }
        }
        let plurals = plural::rules(language).map(std::sync::Arc::new);
        Labels { lang, plurals, map }
    }

    /// Keys a `[labels]` table may set, besides the plural forms `is_key` accepts.
    pub(crate) fn keys() -> impl Iterator<Item = &'static str> {
        EN.iter().map(|(k, _)| *k)
    }

    /// Whether `[labels]` may set `key`: a label, or a plural form of a counted one
    /// (`articles_count_one`, `min_read_few`).
    pub(crate) fn is_key(key: &str) -> bool {
        let counted = |base: &str| EN.iter().any(|(k, v)| *k == base && v.contains("{n}"));
        Self::keys().any(|k| k == key)
            || plural::FORMS
                .iter()
                .any(|f| key.strip_suffix(f).and_then(|b| b.strip_suffix('_')).is_some_and(counted))
    }

    /// One counted label in the form the language gives `n` (CLDR plural rules:
    /// `articles_count_one` for 1 in English), with `{n}` (and `{total}`) filled in.
    pub(crate) fn count(&self, key: &str, n: usize, total: usize) -> String {
        let form = plural::form(self.plurals.as_deref(), n);
        let formed = (form != "other").then(|| format!("{key}_{form}"));
        let text = formed.and_then(|k| self.map.get(&k)).or_else(|| self.map.get(key));
        text.map_or(String::new(), |t| {
            t.replace("{n}", &n.to_string()).replace("{total}", &total.to_string())
        })
    }

    /// A calendar day as the language writes it.
    pub(crate) fn day(&self, date: jiff::civil::Date) -> String {
        day_in(&self.lang, date)
    }

    /// A month as the language writes it ("April 2025").
    pub(crate) fn month(&self, year: i16, month: i8) -> String {
        let m = (month as usize).clamp(1, 12) - 1;
        match self.lang.as_str() {
            "es" => format!("{} de {year}", MONTHS_ES[m]),
            "fr" => format!("{} {year}", MONTHS_FR[m]),
            "de" => format!("{} {year}", MONTHS_DE[m]),
            "ar" => format!("{} {year}", MONTHS_AR[m]),
            "zh" => format!("{year}年{month}月"),
            _ => format!("{} {year}", MONTHS_EN[m]),
        }
    }
}

/// A calendar day in `language`.
pub(crate) fn day_in(language: &str, date: jiff::civil::Date) -> String {
    let (y, m, d) = (date.year(), (date.month() as usize) - 1, date.day());
    match primary(language).as_str() {
        "es" => format!("{d} de {} de {y}", MONTHS_ES[m]),
        "fr" => format!("{d} {} {y}", MONTHS_FR[m]),
        "de" => format!("{d}. {} {y}", MONTHS_DE[m]),
        "ar" => format!("{d} {} {y}", MONTHS_AR[m]),
        "zh" => format!("{y}年{}月{d}日", m + 1),
        _ => format!("{d} {} {y}", MONTHS_EN[m]),
    }
}

/// `rtl` for languages written right to left, else `ltr`.
pub(crate) fn direction(language: &str) -> &'static str {
    match primary(language).as_str() {
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "ckb" | "sd" | "ug" => "rtl",
        _ => "ltr",
    }
}

fn primary(language: &str) -> String {
    language.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase()
}

fn table(lang: &str) -> &'static [(&'static str, &'static str)] {
    match lang {
        "es" => ES,
        "fr" => FR,
        "de" => DE,
        "ar" => AR,
        "zh" => ZH,
        _ => EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_fills_every_key() {
        for t in [ES, FR, DE, AR, ZH] {
            let keys: Vec<&str> = t.iter().map(|(k, _)| *k).collect();
            for (k, _) in EN {
                assert!(keys.contains(k), "missing {k}");
            }
        }
    }

    #[test]
    fn prints_days_per_language() {
        let d = jiff::civil::date(2025, 4, 12);
        assert_eq!(day_in("en", d), "12 April 2025");
        assert_eq!(day_in("es-MX", d), "12 de abril de 2025");
        assert_eq!(day_in("zh", d), "2025年4月12日");
    }

    #[test]
    fn overrides_win() {
        let mut o = BTreeMap::new();
        o.insert("home".to_string(), "Today".to_string());
        assert_eq!(Labels::new("fr", &o).map["home"], "Today");
        assert_eq!(Labels::new("fr", &o).count("page_of", 2, 5), "Page 2 sur 5");
    }

    #[test]
    fn counts_in_the_languages_plural_forms() {
        let none = BTreeMap::new();
        let en = Labels::new("en-GB", &none);
        assert_eq!(en.count("articles_count", 1, 0), "1 article");
        assert_eq!(en.count("articles_count", 0, 0), "0 articles");
        assert_eq!(en.count("min_read", 1, 0), "1 min read");
        let ar = Labels::new("ar", &none);
        assert_eq!(ar.count("articles_count", 2, 0), "مقالان");
        assert_eq!(ar.count("articles_count", 5, 0), "5 مقالات");
        assert_eq!(ar.count("articles_count", 12, 0), "12 مقالًا");
        assert_eq!(ar.count("articles_count", 100, 0), "100 مقال");
        // Overriding a counted label drops the built-in forms it does not set too.
        let mut o = BTreeMap::new();
        o.insert("articles_count".to_string(), "{n} stories".to_string());
        assert_eq!(Labels::new("en", &o).count("articles_count", 1, 0), "1 stories");
        o.insert("articles_count_one".to_string(), "one story".to_string());
        assert_eq!(Labels::new("en", &o).count("articles_count", 1, 0), "one story");
        assert!(Labels::is_key("min_read_few") && !Labels::is_key("home_one"));
    }

    #[test]
    fn knows_right_to_left_languages() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("he-IL"), "rtl");
        assert_eq!(direction("en"), "ltr");
    }
}
