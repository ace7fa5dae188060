/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-sample"

#include "config.h"

#include "tonic-sample-private.h"

/* The sample practice's people, places and words. Written for this
 * generator: common names of each language as their bearers write them,
 * combined at random, so no record is a real person. The practice is in
 * Riverside, California; its phone numbers use the 555 exchange. */

/* -- English ----------------------------------------------------------------- */

static const char *const english_female[] = {
  "Emily", "Sarah", "Jessica|Jess", "Olivia|Liv", "Emma", "Hannah", "Megan", "Rachel",
  "Laura", "Katherine|Kate", "Elizabeth|Beth", "Margaret|Peggy", "Jennifer|Jen",
  "Rebecca|Becky", "Abigail|Abby", "Charlotte|Charlie", "Grace", "Chloe", "Amanda|Mandy",
  "Heather", "Susan|Sue", "Patricia|Trish", "Deborah|Debbie", "Victoria|Tori",
  "Dorothy|Dot", "Madison", "Brittany", "Lauren", "Kimberly|Kim", "Nicole|Nikki",
  "Samantha|Sam", "Alexandra|Alex", NULL
};

static const char *const english_male[] = {
  "James|Jim", "John|Jack", "Michael|Mike", "William|Bill", "Robert|Bob", "David|Dave",
  "Richard|Rick", "Thomas|Tom", "Christopher|Chris", "Daniel|Dan", "Matthew|Matt",
  "Andrew|Drew", "Joseph|Joe", "Benjamin|Ben", "Samuel|Sam", "Nicholas|Nick",
  "Jonathan|Jon", "Ethan", "Oliver|Ollie", "Harry", "George", "Edward|Ted",
  "Anthony|Tony", "Steven|Steve", "Timothy|Tim", "Gregory|Greg", "Kenneth|Ken",
  "Raymond|Ray", "Patrick|Pat", "Tyler", "Brandon", "Kevin", NULL
};

static const char *const english_family[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
  "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Thompson", "White", "Harris",
  "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
  "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Carter",
  "Roberts", "Turner", "Phillips", "Parker", "Evans", "Edwards", "Collins", "Stewart",
  "Morris", "Cooper", "Reed", "Bailey", "Bell", "Hughes", "Foster", "Bennett", "Hayes",
  "Whitfield", "Ashworth", "Fairbanks", "Hollingsworth", NULL
};

/* -- Spanish ----------------------------------------------------------------- */

static const char *const spanish_female[] = {
  "María", "Lucía", "Sofía", "Valentina|Vale", "Camila", "Isabel|Isa", "Ana", "Carmen",
  "Elena", "Paula", "Mónica", "Inés", "Beatriz|Bea", "Rocío", "Guadalupe|Lupita",
  "Pilar", "Dolores|Lola", "Marisol", "Ximena", "Alejandra|Ale", "Concepción|Concha",
  "Begoña", "Nuria", "Araceli", "Mercedes|Merche", "Rosario|Charo", "Yolanda",
  "Leticia|Lety", NULL
};

static const char *const spanish_male[] = {
  "José|Pepe", "Juan", "Luis", "Carlos", "Javier", "Miguel", "Alejandro|Álex", "Andrés",
  "Ángel", "Jesús|Chuy", "Francisco|Paco", "Raúl", "Óscar", "Sergio", "Fernando|Nando",
  "Rubén", "Iván", "Ramón", "Joaquín|Quino", "Tomás", "Martín", "Sebastián", "Íñigo",
  "Rodrigo", "Héctor", "Nicolás", "Enrique|Quique", "Ignacio|Nacho", "Guillermo|Memo",
  "Eduardo|Lalo", NULL
};

static const char *const spanish_family[] = {
  "García", "Martínez", "López", "Sánchez", "González", "Pérez", "Rodríguez",
  "Fernández", "Gómez", "Díaz", "Hernández", "Muñoz", "Álvarez", "Jiménez", "Romero",
  "Ruiz", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramírez", "Ortiz", "Castillo",
  "Núñez", "Ibáñez", "Peña", "Morales", "Gutiérrez", "Cortés", "Suárez", "Méndez",
  "Rincón", "Cabañas", "Echeverría", "Zúñiga", "Villaseñor", "Ordóñez", "Saldaña", NULL
};

/* -- Irish ------------------------------------------------------------------- */

static const char *const irish_female[] = {
  "Siobhán", "Aoife", "Niamh", "Caoimhe", "Saoirse", "Róisín|Rosie", "Sinéad", "Orla",
  "Clodagh", "Gráinne", "Máire|Maura", "Áine", "Eimear", "Ciara", "Deirdre|Dee",
  "Bríd|Bridie", "Maeve", "Nuala", "Úna", "Eithne", "Muireann", "Sorcha", NULL
};

static const char *const irish_male[] = {
  "Seán", "Pádraig|Paddy", "Ciarán", "Cian", "Oisín", "Darragh", "Eoin", "Conor", "Liam",
  "Diarmuid|Dermot", "Ruairí|Rory", "Tadhg", "Colm", "Declan", "Donal", "Fergal",
  "Cathal", "Éamon|Eamonn", "Niall", "Séamus", "Cillian", "Donnchadh|Donagh", NULL
};

/* Irish-language surnames change for women: Ó → Ní, Mac → Nic, with the
 * following consonant softened. */
static const char *const irish_family[] = {
  "O'Brien", "O'Sullivan", "O'Connor", "O'Neill", "O'Reilly", "O'Donnell", "O'Mahony",
  "O’Keeffe", "O'Shea", "O'Dwyer", "O’Callaghan", "O'Leary",
  "Ó Súilleabháin/Ní Shúilleabháin", "Ó Briain/Ní Bhriain", "Ó Conchúir/Ní Chonchúir",
  "Mac Giolla Phádraig/Nic Giolla Phádraig", "Ó Gallchóir/Ní Ghallchóir",
  "Murphy", "Kelly", "Walsh", "Byrne", "Ryan", "McCarthy", "Doyle", "Gallagher",
  "Kennedy", "Lynch", "Quinn", "Fitzgerald", "MacNamara", NULL
};

/* -- Vietnamese (family, middle, given) -------------------------------------- */

static const char *const vietnamese_female[] = {
  "Anh", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Trang", "Thảo", "Hạnh", "Phương",
  "Hằng", "Nhung", "Uyên", "Vy", "Yến", "Quỳnh", "Trâm", "Diệp", "Thúy", "Loan", NULL
};

static const char *const vietnamese_male[] = {
  "Minh", "Hùng", "Dũng", "Tuấn", "Long", "Nam", "Khoa", "Phúc", "Quang", "Sơn",
  "Thắng", "Việt", "Huy", "Bảo", "Đạt", "Khánh", "Trọng", "Cường", "Hải", "Thịnh", NULL
};

static const char *const vietnamese_family[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
  "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", NULL
};

static const char *const vietnamese_middle_female[] = {
  "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bảo", "Mỹ", NULL
};

static const char *const vietnamese_middle_male[] = {
  "Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Công", NULL
};

static const char *const vietnamese_adopted_female[] = {
  "Vicky", "Tina", "Jenny", "Lily", "Vivian", "Kim", "Tammy", NULL
};

static const char *const vietnamese_adopted_male[] = {
  "Kevin", "Tony", "Peter", "Danny", "Henry", "Jimmy", "Vincent", NULL
};

/* -- Polish ------------------------------------------------------------------ */

static const char *const polish_female[] = {
  "Agnieszka|Aga", "Małgorzata|Gosia", "Katarzyna|Kasia", "Magdalena|Magda",
  "Joanna|Asia", "Aleksandra|Ola", "Zofia|Zosia", "Anna|Ania", "Ewa", "Barbara|Basia",
  "Dorota", "Elżbieta|Ela", "Grażyna", "Jadwiga", "Łucja", "Beata", "Renata",
  "Urszula|Ula", "Bożena", "Wiesława", "Halina", "Jolanta|Jola", NULL
};

static const char *const polish_male[] = {
  "Łukasz", "Paweł", "Krzysztof", "Grzegorz|Grześ", "Wojciech|Wojtek", "Piotr",
  "Tomasz|Tomek", "Michał", "Jakub|Kuba", "Stanisław|Staszek", "Mikołaj",
  "Zbigniew|Zbyszek", "Jarosław|Jarek", "Mirosław|Mirek", "Bartłomiej|Bartek", "Andrzej",
  "Przemysław|Przemek", "Marek", "Sławomir|Sławek", "Józef", "Maciej|Maciek",
  "Władysław", NULL
};

static const char *const polish_family[] = {
  "Kowalski/Kowalska", "Nowak", "Wiśniewski/Wiśniewska", "Wójcik", "Kowalczyk",
  "Kamiński/Kamińska", "Lewandowski/Lewandowska", "Zieliński/Zielińska",
  "Szymański/Szymańska", "Woźniak", "Dąbrowski/Dąbrowska", "Kozłowski/Kozłowska",
  "Jankowski/Jankowska", "Mazur", "Kwiatkowski/Kwiatkowska", "Krawczyk",
  "Piotrowski/Piotrowska", "Grabowski/Grabowska", "Pawłowski/Pawłowska",
  "Michalski/Michalska", "Król", "Wieczorek", "Jabłoński/Jabłońska", "Wróbel",
  "Górski/Górska", "Ślusarczyk", "Łukasiewicz", "Błaszczyk", "Śliwiński/Śliwińska",
  "Żak", NULL
};

/* -- Arabic ------------------------------------------------------------------ */

static const char *const arabic_female[] = {
  "فاطمة=Fatima", "مريم=Maryam", "عائشة=Aisha", "زينب=Zainab", "نور=Nour", "ليلى=Layla",
  "سارة=Sara", "هدى=Huda", "رنا=Rana", "ياسمين=Yasmin", "سلمى=Salma", "دينا=Dina",
  "ريم=Reem", "أمل=Amal", "خديجة=Khadija", "هالة=Hala", "رشا=Rasha", "لينا=Lina", NULL
};

static const char *const arabic_male[] = {
  "محمد=Mohammed", "مُحَمَّد=Muhammad", "أحمد=Ahmed", "علي=Ali", "عمر=Omar",
  "يوسف=Youssef", "حسن=Hassan", "خالد=Khaled", "إبراهيم=Ibrahim", "مصطفى=Mustafa",
  "طارق=Tariq", "سامي=Sami", "كريم=Karim", "فيصل=Faisal", "رامي=Rami", "زياد=Ziad",
  "ماجد=Majed", "بلال=Bilal", "عادل=Adel", NULL
};

static const char *const arabic_family[] = {
  "العلي=Al-Ali", "الحسن=Al-Hassan", "حداد=Haddad", "خوري=Khoury", "منصور=Mansour",
  "الشمري=Al-Shammari", "عبدالله=Abdullah", "النجار=Al-Najjar", "سليمان=Suleiman",
  "حمدان=Hamdan", "درويش=Darwish", "صالح=Saleh", "الخطيب=Al-Khatib", "عيسى=Issa",
  "ناصر=Nasser", "قاسم=Qasim", "الزعبي=Al-Zoubi", "عثمان=Othman", "الحلبي=Al-Halabi",
  "المصري=Al-Masri", NULL
};

/* -- Russian and Ukrainian --------------------------------------------------- */

static const char *const cyrillic_female[] = {
  "Анна=Anna|Аня", "Мария=Maria|Маша", "Екатерина=Ekaterina|Катя", "Ольга=Olga|Оля",
  "Татьяна=Tatiana|Таня", "Наталья=Natalia|Наташа", "Елена=Elena|Лена",
  "Ирина=Irina|Ира", "Светлана=Svetlana|Света", "Юлия=Yulia|Юля", "Дарья=Daria|Даша",
  "Ксения=Ksenia", "Анастасия=Anastasia|Настя", "Людмила=Lyudmila|Люда", "Вера=Vera",
  "Галина=Galina|Галя", "Алёна=Alyona", "Оксана=Oksana", NULL
};

static const char *const cyrillic_male[] = {
  "Александр=Aleksandr|Саша", "Дмитрий=Dmitry|Дима", "Сергей=Sergei", "Андрей=Andrei",
  "Алексей=Alexei|Лёша", "Иван=Ivan|Ваня", "Михаил=Mikhail|Миша",
  "Николай=Nikolai|Коля", "Владимир=Vladimir|Володя", "Евгений=Evgeny|Женя",
  "Павел=Pavel|Паша", "Юрий=Yuri", "Олег=Oleg", "Константин=Konstantin|Костя",
  "Григорий=Grigory|Гриша", "Артём=Artyom", "Тарас=Taras", "Богдан=Bogdan", NULL
};

static const char *const cyrillic_family[] = {
  "Иванов=Ivanov/Иванова=Ivanova", "Смирнов=Smirnov/Смирнова=Smirnova",
  "Кузнецов=Kuznetsov/Кузнецова=Kuznetsova", "Попов=Popov/Попова=Popova",
  "Васильев=Vasiliev/Васильева=Vasilieva", "Петров=Petrov/Петрова=Petrova",
  "Соколов=Sokolov/Соколова=Sokolova", "Михайлов=Mikhailov/Михайлова=Mikhailova",
  "Новиков=Novikov/Новикова=Novikova", "Фёдоров=Fyodorov/Фёдорова=Fyodorova",
  "Морозов=Morozov/Морозова=Morozova", "Волков=Volkov/Волкова=Volkova",
  "Лебедев=Lebedev/Лебедева=Lebedeva", "Семёнов=Semyonov/Семёнова=Semyonova",
  "Егоров=Egorov/Егорова=Egorova", "Павлов=Pavlov/Павлова=Pavlova",
  "Козлов=Kozlov/Козлова=Kozlova", "Орлов=Orlov/Орлова=Orlova",
  "Шевченко=Shevchenko", "Коваленко=Kovalenko", "Бондаренко=Bondarenko",
  "Ткаченко=Tkachenko", NULL
};

/* -- Chinese (family name first, no space) ----------------------------------- */

static const char *const chinese_female[] = {
  "秀英=Xiuying", "丽=Li", "静=Jing", "敏=Min", "婷=Ting", "雪梅=Xuemei", "晓燕=Xiaoyan",
  "玲=Ling", "芳=Fang", "慧=Hui", "欣怡=Xinyi", "梓涵=Zihan", "雨桐=Yutong", "佳怡=Jiayi",
  "淑珍=Shuzhen", "美玲=Meiling", NULL
};

static const char *const chinese_male[] = {
  "伟=Wei", "强=Qiang", "磊=Lei", "军=Jun", "洋=Yang", "勇=Yong", "杰=Jie", "涛=Tao",
  "明=Ming", "超=Chao", "浩然=Haoran", "子轩=Zixuan", "建国=Jianguo", "志强=Zhiqiang",
  "俊杰=Junjie", "宇航=Yuhang", "国华=Guohua", "文博=Wenbo", NULL
};

/* Simplified characters with Pinyin, and a few traditional ones with the
 * Cantonese spellings Hong Kong families use. */
static const char *const chinese_family[] = {
  "王=Wang", "李=Li", "张=Zhang", "刘=Liu", "陈=Chen", "杨=Yang", "黄=Huang", "赵=Zhao",
  "吴=Wu", "周=Zhou", "徐=Xu", "孙=Sun", "马=Ma", "朱=Zhu", "胡=Hu", "郭=Guo", "何=He",
  "林=Lin", "罗=Luo", "高=Gao", "梁=Liang", "郑=Zheng", "谢=Xie", "宋=Song",
  "陳=Chan", "黃=Wong", "張=Cheung", "劉=Lau", NULL
};

static const char *const chinese_adopted_female[] = {
  "Vivian", "Grace", "Amy", "Cindy", "Helen", "Joyce", "Michelle", "Winnie", NULL
};

static const char *const chinese_adopted_male[] = {
  "David", "Kevin", "Eric", "Jason", "Tony", "Frank", "Andy", "Raymond", NULL
};

/* -- Japanese (family name first) -------------------------------------------- */

static const char *const japanese_female[] = {
  "花子=Hanako", "陽子=Yoko", "美咲=Misaki", "さくら=Sakura", "結衣=Yui", "愛=Ai",
  "恵美=Emi", "由美子=Yumiko", "直美=Naomi", "真由美=Mayumi", "葵=Aoi", "陽菜=Hina",
  "明美=Akemi", "久美子=Kumiko", "ゆかり=Yukari", "智子=Tomoko", NULL
};

static const char *const japanese_male[] = {
  "太郎=Taro", "翔太=Shota", "健太=Kenta", "大輔=Daisuke", "拓也=Takuya", "浩=Hiroshi",
  "誠=Makoto", "蓮=Ren", "悠斗=Yuto", "大樹=Daiki", "健一=Kenichi", "隆=Takashi",
  "直樹=Naoki", "和也=Kazuya", "ケン=Ken", "翼=Tsubasa", NULL
};

static const char *const japanese_family[] = {
  "佐藤=Sato", "鈴木=Suzuki", "高橋=Takahashi", "田中=Tanaka", "渡辺=Watanabe",
  "伊藤=Ito", "山本=Yamamoto", "中村=Nakamura", "小林=Kobayashi", "加藤=Kato",
  "吉田=Yoshida", "山田=Yamada", "佐々木=Sasaki", "山口=Yamaguchi", "松本=Matsumoto",
  "井上=Inoue", "木村=Kimura", "林=Hayashi", "清水=Shimizu", "斎藤=Saito", "森=Mori",
  "池田=Ikeda", NULL
};

/* -- Hindi (Devanagari) ------------------------------------------------------ */

static const char *const hindi_female[] = {
  "प्रिया=Priya", "अनीता=Anita", "सुनीता=Sunita", "पूजा=Pooja", "नेहा=Neha", "कविता=Kavita",
  "दीपिका=Deepika", "आरती=Aarti", "लक्ष्मी=Lakshmi", "मीरा=Meera", "अंजलि=Anjali",
  "स्नेहा=Sneha", "रेखा=Rekha", "शालिनी=Shalini", "ऐश्वर्या=Aishwarya", "दिव्या=Divya", NULL
};

static const char *const hindi_male[] = {
  "राहुल=Rahul", "अमित=Amit", "विजय=Vijay", "सुरेश=Suresh", "राजेश=Rajesh|Raj",
  "अर्जुन=Arjun", "संजय=Sanjay", "विकास=Vikas", "आदित्य=Aditya|Adi", "रोहित=Rohit",
  "अनिल=Anil", "मनोज=Manoj", "दीपक=Deepak", "करण=Karan", "प्रकाश=Prakash", "गौरव=Gaurav",
  NULL
};

static const char *const hindi_family[] = {
  "शर्मा=Sharma", "वर्मा=Verma", "गुप्ता=Gupta", "सिंह=Singh", "कुमार=Kumar", "पटेल=Patel",
  "मेहता=Mehta", "अग्रवाल=Agarwal", "जोशी=Joshi", "मिश्रा=Mishra", "यादव=Yadav",
  "चौहान=Chauhan", "त्रिपाठी=Tripathi", "देसाई=Desai", "नायर=Nair", "अय्यर=Iyer",
  "रेड्डी=Reddy", "कपूर=Kapoor", "भट्ट=Bhatt", "चटर्जी=Chatterjee", NULL
};

/* -- Greek ------------------------------------------------------------------- */

static const char *const greek_female[] = {
  "Μαρία=Maria", "Ελένη=Eleni", "Αικατερίνη=Aikaterini|Κατερίνα", "Βασιλική=Vasiliki|Βάσω",
  "Σοφία=Sofia", "Αγγελική=Angeliki", "Δήμητρα=Dimitra", "Ευαγγελία=Evangelia|Εύα",
  "Γεωργία=Georgia", "Ιωάννα=Ioanna", "Χριστίνα=Christina", "Παναγιώτα=Panagiota|Γιώτα",
  "Αναστασία=Anastasia|Τασούλα", "Ειρήνη=Eirini", NULL
};

static const char *const greek_male[] = {
  "Γεώργιος=Georgios|Γιώργος", "Ιωάννης=Ioannis|Γιάννης",
  "Κωνσταντίνος=Konstantinos|Κώστας", "Δημήτριος=Dimitrios|Δημήτρης",
  "Νικόλαος=Nikolaos|Νίκος", "Παναγιώτης=Panagiotis|Πάνος", "Βασίλειος=Vasileios|Βασίλης",
  "Χρήστος=Christos", "Αθανάσιος=Athanasios|Θανάσης", "Μιχαήλ=Michail|Μιχάλης",
  "Ευάγγελος=Evangelos|Βαγγέλης", "Σπυρίδων=Spyridon|Σπύρος", "Αλέξανδρος=Alexandros|Αλέκος",
  "Στέφανος=Stefanos", NULL
};

static const char *const greek_family[] = {
  "Παπαδόπουλος=Papadopoulos/Παπαδοπούλου=Papadopoulou",
  "Παπαδάκης=Papadakis/Παπαδάκη=Papadaki", "Γεωργίου=Georgiou", "Οικονόμου=Oikonomou",
  "Νικολάου=Nikolaou", "Βασιλείου=Vasileiou", "Ιωάννου=Ioannou",
  "Καραγιάννης=Karagiannis/Καραγιάννη=Karagianni", "Αντωνίου=Antoniou",
  "Μακρής=Makris/Μακρή=Makri", "Δημητρίου=Dimitriou", "Χατζής=Chatzis/Χατζή=Chatzi",
  "Αθανασίου=Athanasiou", "Πετρόπουλος=Petropoulos/Πετροπούλου=Petropoulou",
  "Κωνσταντινίδης=Konstantinidis/Κωνσταντινίδου=Konstantinidou",
  "Σταματόπουλος=Stamatopoulos/Σταματοπούλου=Stamatopoulou", "Αλεξίου=Alexiou",
  "Λαμπράκης=Lamprakis/Λαμπράκη=Lampraki", NULL
};

/* -- Nigerian: Yoruba (with tone marks and underdots) and Igbo ----------------- */

static const char *const nigerian_female[] = {
  "Adébísí", "Fọláṣadé|Ṣadé", "Títílayọ̀|Títí", "Yétúndé", "Bọ́lánlé", "Adéọlá",
  "Morẹ́nikẹ́", "Abímbọ́lá|Bímbọ́", "Ìfẹ́olúwa|Ìfẹ́", "Kẹ́hìndé", "Tèmítọ́pẹ́|Tọ́pẹ́",
  "Olúwaseun|Seun", "Ayọ̀mídé", "Chiamaka|Amaka", "Ngozi", "Chidinma|Dinma",
  "Adaeze|Ada", NULL
};

static const char *const nigerian_male[] = {
  "Adébáyọ̀|Báyọ̀", "Babátúndé|Túndé", "Olúwafẹ́mi|Fẹ́mi", "Oládiípọ̀|Dípọ̀",
  "Adéwálé|Wálé", "Kọ́lá", "Ṣẹ̀gun", "Ayọ̀délé|Délé", "Olúwadàmilárè|Dàmi", "Ìbùkún",
  "Táíwò", "Kẹ́hìndé", "Chinedu|Nedu", "Emeka", "Obinna", "Ikechukwu|Ike", NULL
};

static const char *const nigerian_family[] = {
  "Adéyẹmí", "Ògúnlẹ́yẹ", "Afọlábí", "Bámidélé", "Adékúnlé", "Àjàyí", "Ọládipọ̀",
  "Adébọ́wálé", "Ọ̀ṣúntókun", "Fáṣọlá", "Balógun", "Olúwọlé", "Adélékè", "Ògúnbíyì",
  "Okonkwo", "Okafor", "Eze", "Nwachukwu", "Obi", "Okoro", NULL
};

/* -- Turkish ----------------------------------------------------------------- */

static const char *const turkish_female[] = {
  "Ayşe", "Fatma", "Zeynep", "Elif", "Emine", "Hülya", "Gülşen", "Özlem", "Şule",
  "Büşra", "Çiğdem", "Derya", "Selin", "İlknur", "Gökçe", "Nesrin", "Sevgi", "Yağmur",
  "Ebru", "Duygu", NULL
};

static const char *const turkish_male[] = {
  "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman",
  "Yusuf", "Murat", "Ömer", "Emre", "Burak", "Oğuz", "Çağatay", "Barış", "Uğur",
  "Serkan", "Tolga", "Doğan", "Şükrü", "Ertuğrul", NULL
};

static const char *const turkish_family[] = {
  "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
  "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt",
  "Özkan", "Şimşek", "Polat", "Korkmaz", "Erdoğan", "Güneş", "Aktaş", "İnce", "Işık",
  "Özgür", "Bağcı", "Uğurlu", NULL
};

/* -- The table ----------------------------------------------------------------- */

const SampleCulture _tonic_sample_cultures[] = {
  { "english", 280, english_female, english_male, english_family, NULL, NULL,
    SAMPLE_ORDER_GIVEN_FAMILY, 0, FALSE, 0, NULL, NULL, NULL },
  { "spanish", 150, spanish_female, spanish_male, spanish_family, NULL, NULL,
    SAMPLE_ORDER_GIVEN_FAMILY, 0, TRUE, 0, NULL, NULL, "Spanish" },
  { "irish", 60, irish_female, irish_male, irish_family, NULL, NULL,
    SAMPLE_ORDER_GIVEN_FAMILY, 0, FALSE, 0, NULL, NULL, NULL },
  { "vietnamese", 60, vietnamese_female, vietnamese_male, vietnamese_family,
    vietnamese_middle_female, vietnamese_middle_male,
    SAMPLE_ORDER_FAMILY_GIVEN, 0, FALSE, 25, vietnamese_adopted_female, vietnamese_adopted_male,
    "Vietnamese" },
  { "polish", 45, polish_female, polish_male, polish_family, NULL, NULL,
    SAMPLE_ORDER_GIVEN_FAMILY, 0, FALSE, 0, NULL, NULL, "Polish" },
  { "arabic", 50, arabic_female, arabic_male, arabic_family, NULL, NULL,
    SAMPLE_ORDER_GIVEN_FAMILY, 50, FALSE, 0, NULL, NULL, "Arabic" },
  { "russian", 50, cyrillic_female, cyrillic_male, cyrillic_family, NULL, NULL,
    SAMPLE_ORDER_GIVEN_FAMILY, 40, FALSE, 0, NULL, NULL, "Russian" },
  { "chinese", 60, chinese_female, chinese_male, chinese_family, NULL, NULL,
    SAMPLE_ORDER_FAMILY_GIVEN_JOINED, 40, FALSE, 0, chinese_adopted_female, chinese_adopted_male,
    "Mandarin" },
  { "japanese", 35, japanese_female, japanese_male, japanese_family, NULL, NULL,
    SAMPLE_ORDER_FAMILY_GIVEN, 40, FALSE, 0, NULL, NULL, "Japanese" },
  { "hindi", 60, hindi_female, hindi_male, hindi_family, NULL, NULL,
    SAMPLE_ORDER_GIVEN_FAMILY, 55, FALSE, 0, NULL, NULL, "Hindi" },
  { "greek", 35, greek_female, greek_male, greek_family, NULL, NULL,
    SAMPLE_ORDER_GIVEN_FAMILY, 40, FALSE, 0, NULL, NULL, "Greek" },
  { "nigerian", 55, nigerian_female, nigerian_male, nigerian_family, NULL, NULL,
    SAMPLE_ORDER_GIVEN_FAMILY, 0, FALSE, 50, NULL, NULL, NULL },
  { "turkish", 60, turkish_female, turkish_male, turkish_family, NULL, NULL,
    SAMPLE_ORDER_GIVEN_FAMILY, 0, FALSE, 0, NULL, NULL, "Turkish" },
};

const guint _tonic_sample_n_cultures = G_N_ELEMENTS (_tonic_sample_cultures);

/* -- Places and words ------------------------------------------------------------ */

const char *const _tonic_sample_streets[] = {
  "Magnolia Avenue", "Jurupa Avenue", "Canyon Crest Drive", "Arlington Avenue",
  "Victoria Avenue", "Mission Inn Avenue", "Brockton Avenue", "Central Avenue",
  "Van Buren Boulevard", "Market Street", "Main Street", "Lincoln Avenue",
  "Chicago Avenue", "University Avenue", "Iowa Avenue", "Orange Street", "Lemon Street",
  "Palm Avenue", "Riverside Drive", "Indiana Avenue", "Tyler Street", "La Sierra Avenue",
  "Overlook Parkway", "Alessandro Boulevard", "Colorado Avenue",
  "Sycamore Canyon Boulevard", "Olivewood Avenue", "Rubidoux Drive", "Hillside Avenue",
  "Cedar Street", NULL
};

const char *const _tonic_sample_cities[] = {
  "Riverside|925", "Riverside|925", "Riverside|925", "Corona|928", "Moreno Valley|925",
  "Norco|928", "Jurupa Valley|925", "Redlands|923", "San Bernardino|924", "Ontario|917",
  "Rialto|923", "Perris|925", "Eastvale|917", "Colton|923", "Loma Linda|923",
  "Grand Terrace|923", "Fontana|923", "Chino|917", NULL
};

const char *const _tonic_sample_practices[] = {
  "Magnolia Family Practice", "Arlington Heights Psychiatry", "Mission Pain Management Group",
  "Victoria Avenue Medical Group", "Jurupa Valley Community Clinic",
  "Riverbend Counseling Center", "Orange Terrace Internal Medicine",
  "Canyon Crest Behavioral Health", "Inland Valley Veterans Outreach",
  "Sycamore Women’s Health", "Alessandro Primary Care", "La Sierra Neurology Associates",
  NULL
};

const char *const _tonic_sample_allergies[] = {
  "Penicillin — hives", "Sulfonamides — rash", "Latex", "Codeine — nausea", "Shellfish",
  "Iodinated contrast — hives", "Ondansetron — headache", "Morphine — itching",
  "Ibuprofen — bronchospasm", "Amoxicillin — rash", "Eggs", "Peanuts — anaphylaxis",
  "Adhesive tape — skin irritation", "Lamotrigine — rash", NULL
};

const char *const _tonic_sample_patient_notes[] = {
  "Prefers morning appointments.", "Prefers afternoon appointments.",
  "Needle-anxious: numbing cream before cannulation.",
  "Hard of hearing: face the patient when speaking.",
  "Uses a wheelchair: chair 1 has room to transfer.",
  "Sensitive to bright light: dim the room during infusions.",
  "Brings own headphones and playlist.", "Partner drives; call when recovery starts.",
  "Difficult IV access: ultrasound guidance helped before.", NULL
};

const char *const _tonic_sample_appointment_notes[] = {
  "Dose review with the clinician", "Consent and screening for a course",
  "Referral letter to go through", "Running late — called ahead",
  "Discuss boosters after induction", NULL
};

const char *const _tonic_sample_dosing_notes[] = {
  "Bring the driver’s phone number", "Pre-dose questionnaires on the tablet",
  "Running late — called ahead", "Prefers the chair by the window", NULL
};

guint
_tonic_sample_list_length (const char *const *list)
{
  guint n = 0;

  while (list[n] != NULL)
    n++;

  return n;
}

guint
_tonic_sample_pick (GRand *rand,
                    guint  n)
{
  g_assert (n > 0);
  return (guint) g_rand_int_range (rand, 0, (gint32) n);
}

gboolean
_tonic_sample_chance (GRand *rand,
                      guint  per_mille)
{
  return (guint) g_rand_int_range (rand, 0, 1000) < per_mille;
}

const char *
_tonic_sample_pick_string (GRand             *rand,
                           const char *const *list)
{
  return list[pick (rand, _tonic_sample_list_length (list))];
}
