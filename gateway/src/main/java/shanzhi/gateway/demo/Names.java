package shanzhi.gateway.demo;

import java.util.SplittableRandom;

/** Word lists for plausible Chaoshan names, places and firms. */
final class Names {
    private Names() {
    }

    /** Common Chaoshan surnames, weighted roughly by how often they occur in Chaoyang. */
    static final String[] SURNAMES = {
        "陈", "林", "黄", "郑", "许", "蔡", "李", "马", "张", "吴", "王", "杨", "刘", "谢", "周", "洪",
        "翁", "姚", "肖", "庄", "詹", "方", "赵", "邱", "柯", "萧", "魏", "郭", "余", "朱", "卢", "曾",
        "徐", "纪", "彭", "吕", "孙", "沈", "苏", "胡"};
    private static final double[] SURNAME_CUMULATIVE = Rng.cumulative(
        20, 10, 7, 6, 5, 5, 5, 3, 4, 3, 3, 2, 2, 2, 2, 2,
        1.5, 1.5, 1, 1.5, 1, 1, 1, 1, 1, 1, 1, 1.5, 1, 1, 1, 1,
        1, 1, 1, 0.8, 0.8, 0.8, 1, 0.8);

    private static final String MALE_CHARS = "伟强俊杰明辉鹏浩宇锐泽斌坤鑫涛彬瀚楷铭炜锋德荣树南雄思宏展标建文武"
        + "振奕庆壮晓昭鸿耀燊锦烽培钦炎镇汉旭佳楚盛";
    private static final String FEMALE_CHARS = "丽娜静敏燕婷玲芳佳欣怡瑜雪纯晓珊璇娟丹娥如萍洁銮秀桂娇琼淑惠琪"
        + "璐妍婉莉蓉霞凤珠碧玉素瑶";

    private static final String VILLAGE_FIRST = "东西南北上下新后前大中仙华桃石沙溪湖凤龙金玉梅竹美和兴安福"
        + "宁乐湾港浦塘田峡岭洋埔桥官灶";
    private static final String VILLAGE_SECOND = "寨埔洋头围厝乡林山岗陇溪湖塘港美坑田园里楼堡桥屿墩池浦联丰";
    private static final String COMMUNITY_FIRST = "东西南北新中华兴文光城棉和平海阳广富安宁德育";
    private static final String COMMUNITY_SECOND = "山华兴新光明城阳和平安宁盛荣关苑";

    static final String[] STREETS = {
        "中山路", "棉城路", "东山大道", "兴华路", "文光路", "平和路", "新华路", "育英路", "体育路", "谷饶大道",
        "海门路", "和平路", "沿江路", "环城路", "建设路", "人民路", "中华路", "东门街", "西门街", "南门街"};

    static final String[] LAW_FIRM_CORES = {
        "潮阳", "练江", "棉城", "东山", "潮汕", "粤东", "汕头正平", "金平", "海滨", "宏信", "中信达", "融正",
        "创平", "广和", "明理"};

    static final String[] FLOATING_AREAS = {
        "440507", "440511", "440512", "440514", "440515", "445202", "445203", "445281", "445222", "445224",
        "445102", "441502", "441581", "441521", "440106", "440304", "450102", "430102", "360102", "510104",
        "522301", "421002", "350203", "411102"};

    private static final String[] MOBILE_PREFIXES = {
        "134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "182", "187",
        "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "181", "189", "199",
        "177", "166"};

    static int surname(SplittableRandom rnd) {
        return Rng.weighted(rnd, SURNAME_CUMULATIVE);
    }

    static String givenName(SplittableRandom rnd, boolean male) {
        String pool = male ? MALE_CHARS : FEMALE_CHARS;
        char first = pool.charAt(rnd.nextInt(pool.length()));
        if (Rng.chance(rnd, 0.2)) {
            return String.valueOf(first);
        }
        char second = pool.charAt(rnd.nextInt(pool.length()));
        return new String(new char[] {first, second});
    }

    static String fullName(SplittableRandom rnd, boolean male) {
        return SURNAMES[surname(rnd)] + givenName(rnd, male);
    }

    static String mobile(SplittableRandom rnd) {
        StringBuilder b = new StringBuilder(11).append(MOBILE_PREFIXES[rnd.nextInt(MOBILE_PREFIXES.length)]);
        for (int i = 0; i < 8; i++) {
            b.append((char) ('0' + rnd.nextInt(10)));
        }
        return b.toString();
    }

    /** Two characters without the suffix; the caller checks uniqueness within the town. */
    static String placeStem(SplittableRandom rnd, boolean community) {
        String first = community ? COMMUNITY_FIRST : VILLAGE_FIRST;
        String second = community ? COMMUNITY_SECOND : VILLAGE_SECOND;
        char a = first.charAt(rnd.nextInt(first.length()));
        char b;
        do {
            b = second.charAt(rnd.nextInt(second.length()));
        } while (b == a);
        return new String(new char[] {a, b});
    }
}
